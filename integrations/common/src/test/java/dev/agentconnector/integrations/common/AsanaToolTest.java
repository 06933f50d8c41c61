package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsanaToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimulatedAsana simulated;
    private static AsanaSimulator sim;
    private static AsanaConnector connector;

    @BeforeAll
    static void start() {
        simulated = SimulatedAsana.start();
        sim = simulated.sim();
        connector = simulated.connector();
    }

    @AfterAll
    static void stop() {
        simulated.close();
    }

    private static JsonNode json(AsanaToolResult r) throws Exception {
        return JSON.readTree(r.json());
    }

    @Test
    void describesItselfFromTheSpec() {
        AsanaTool tool = AsanaTool.of(connector);
        assertThat(tool.name()).isEqualTo("asana_execute");
        assertThat(tool.description()).isEqualTo(connector.toolDescription());
        assertThat(tool.inputSchema()).containsEntry("required", List.of("entity", "action"));
        assertThat(tool.inputSchemaJson()).contains("\"tasks\"").contains("\"create\"");
    }

    @Test
    void runsACallAndReturnsTheEnvelope() throws Exception {
        String gid = sim.fixtures().taskGid();
        long before = sim.stats().requests("GET", "/tasks/" + gid);
        AsanaToolResult r = AsanaTool.of(connector).call(
                "{\"entity\":\"tasks\",\"action\":\"get\",\"params\":{\"task_gid\":\"" + gid + "\"}}");
        assertThat(r.error()).isFalse();
        JsonNode envelope = json(r);
        assertThat(envelope.path("success").asBoolean()).isTrue();
        assertThat(envelope.path("data").path("gid").asText()).isEqualTo(gid);
        assertThat(envelope.path("data").path("name").asText()).isNotBlank();
        assertThat(sim.stats().requests("GET", "/tasks/" + gid)).isEqualTo(before + 1);
    }

    @Test
    void takesParamsSentAsAStringHoldingJson() throws Exception {
        String gid = sim.fixtures().taskGid();
        AsanaToolResult r = AsanaTool.of(connector).call(Map.of("entity", "tasks", "action", "get",
                "params", "{\"task_gid\":\"" + gid + "\"}"));
        assertThat(r.error()).isFalse();
        assertThat(json(r).path("data").path("gid").asText()).isEqualTo(gid);
    }

    @Test
    void aMisspeltEntityComesBackAsAnErrorWithAHint() throws Exception {
        AsanaToolResult r = AsanaTool.of(connector).call("{\"entity\":\"taks\",\"action\":\"list\"}");
        assertThat(r.error()).isTrue();
        JsonNode envelope = json(r);
        assertThat(envelope.path("success").asBoolean()).isFalse();
        assertThat(envelope.path("error").asText()).contains("did you mean 'tasks'");
        assertThat(envelope.path("meta").path("error_type").asText()).isEqualTo("validation_error");
    }

    @Test
    void argumentsThatAreNotJsonNameTheProblem() throws Exception {
        long before = sim.stats().apiRequests();
        AsanaToolResult r = AsanaTool.of(connector).call("{\"entity\": \"tasks\", \"action\": ");
        assertThat(r.error()).isTrue();
        assertThat(json(r).path("error").asText()).contains("not valid JSON").contains("\"entity\": \"tasks\"");
        AsanaToolResult array = AsanaTool.of(connector).call("[\"tasks\", \"list\"]");
        assertThat(array.error()).isTrue();
        assertThat(json(array).path("error").asText()).contains("must be a JSON object").contains("got '[");
        AsanaToolResult params = AsanaTool.of(connector).call("{\"entity\":\"tasks\",\"action\":\"list\","
                + "\"params\":[1]}");
        assertThat(json(params).path("error").asText()).startsWith("tasks.list: params must be a JSON object");
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void readOnlyHidesAndRefusesWrites() throws Exception {
        AsanaTool tool = AsanaTool.builder(connector).readOnly(true).build();
        assertThat(tool.inputSchemaJson()).doesNotContain("\"create\"").doesNotContain("\"delete\"");
        assertThat(tool.description()).isNotEqualTo(connector.toolDescription());
        long before = sim.stats().apiRequests();
        AsanaToolResult r = tool.call("{\"entity\":\"tasks\",\"action\":\"create\","
                + "\"params\":{\"name\":\"x\",\"workspace\":\"" + sim.workspaceGid() + "\"}}");
        assertThat(r.error()).isTrue();
        JsonNode envelope = json(r);
        assertThat(envelope.path("meta").path("error_type").asText()).isEqualTo("read_only");
        assertThat(envelope.path("error").asText()).contains("refused in read-only mode").contains("get");
        assertThat(sim.stats().apiRequests()).isEqualTo(before);
    }

    @Test
    void anOversizedResultIsCutWithANote() throws Exception {
        AsanaTool tool = AsanaTool.builder(connector).maxResultChars(1_000).build();
        AsanaToolResult r = tool.call("{\"entity\":\"tasks\",\"action\":\"list\",\"params\":{\"project\":\""
                + sim.fixtures().projectGid() + "\",\"limit\":50,\"fields\":[\"name\",\"notes\"]}}");
        assertThat(r.json().length()).isLessThanOrEqualTo(1_000);
        JsonNode envelope = json(r);
        assertThat(envelope.path("success").asBoolean()).isTrue();
        assertThat(r.error()).isFalse();
        assertThat(envelope.path("meta").path(ResultBudget.CUT).path("note").asText()).contains("narrower");
    }

    @Test
    void theNextPageAModelSeesIsItsOffsetOnly() throws Exception {
        Map<String, Object> params = Map.of("project", sim.fixtures().projectGid(), "limit", 2);
        JsonNode envelope = json(AsanaTool.of(connector).call(Map.of("entity", "tasks", "action", "list",
                "params", params)));
        JsonNode next = envelope.path("meta").path("next_page");
        assertThat(next.path("offset").asText()).isNotBlank();
        assertThat(next.size()).as(next.toString()).isEqualTo(1);
        assertThat(envelope.toString()).doesNotContain(sim.baseUrl());
        // the Java API keeps path and uri
        JsonNode java = connector.execute("tasks", "list", params).meta().path("next_page");
        assertThat(java.has("offset") && java.has("path") && java.has("uri")).as(java.toString()).isTrue();
    }

    @Test
    void aCutSearchSaysHowToNarrowItNotToPage() throws Exception {
        AsanaTool tool = AsanaTool.builder(connector).maxResultChars(1_000).build();
        JsonNode envelope = json(tool.call(Map.of("entity", "workspace_task_search", "action", "list", "params",
                Map.of("workspace_gid", sim.workspaceGid(), "completed", false, "fields", List.of("name", "notes")))));
        String note = envelope.path("meta").path(ResultBudget.CUT).path("note").asText();
        assertThat(note).as(envelope.toString()).contains("created_at.before", "no next page")
                .doesNotContain("continues after");
    }

    @Test
    void argumentsBesideEntityActionAndParamsAreRefusedByName() throws Exception {
        long before = sim.stats().apiRequests();
        AsanaToolResult r = AsanaTool.of(connector).call("{\"entity\":\"tasks\",\"action\":\"get\","
                + "\"task_gid\":\"1\"}");
        assertThat(r.error()).isTrue();
        assertThat(json(r).path("error").asText()).contains("unknown tool argument 'task_gid'")
                .contains("inside params");
        assertThat(sim.stats().apiRequests()).isEqualTo(before);
    }

    @Test
    void aSmallDownloadComesBackInline() throws Exception {
        AsanaToolResult r = AsanaTool.of(connector).call("{\"entity\":\"attachments\",\"action\":\"download\","
                + "\"params\":{\"attachment_gid\":\"" + sim.fixtures().attachmentGid() + "\"}}");
        JsonNode data = json(r).path("data");
        assertThat(r.error()).as(r.json()).isFalse();
        assertThat(data.path("bytes").asInt()).isPositive();
        assertThat(data.has("content_text") || data.has("content_base64")).isTrue();
    }

    @Test
    void rejectsATooSmallBudget() {
        assertThatThrownBy(() -> AsanaTool.builder(connector).maxResultChars(999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1000");
    }
}
