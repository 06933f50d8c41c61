package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import dev.agentconnector.integrations.testsupport.StoredTasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tool over a connector with a context store offers, teaches and answers the store's actions. */
class AsanaToolContextStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimulatedAsana simulated;
    private static StoredTasks stored;

    @BeforeAll
    static void start() {
        simulated = SimulatedAsana.start();
        stored = StoredTasks.start(simulated.sim());
    }

    @AfterAll
    static void stop() {
        stored.close();
        simulated.close();
    }

    @Test
    void offersTheStoreActionsOnlyWhenTheConnectorHasAStore() {
        for (boolean readOnly : new boolean[]{false, true}) {
            AsanaTool tool = AsanaTool.builder(stored.connector()).readOnly(readOnly).build();
            assertThat(tool.description()).isEqualTo(stored.connector().toolDescription(readOnly))
                    .hasSizeLessThan(12_000).contains(" context_store_search: ").contains("group_by")
                    .contains("meta.synced_at");
            assertThat(tool.inputSchemaJson()).contains("\"context_store_search\"")
                    .contains("\"context_store_aggregate\"");
        }
        AsanaTool plain = AsanaTool.of(simulated.connector());
        assertThat(plain.description()).doesNotContain("context_store");
        assertThat(plain.inputSchemaJson()).doesNotContain("context_store");
    }

    @Test
    void answersThemFromTheStoreWithoutAsana() throws Exception {
        long before = simulated.sim().stats().apiRequests();
        AsanaTool tool = AsanaTool.builder(stored.connector()).readOnly(true).build();
        AsanaToolResult found = tool.call("{\"entity\":\"tasks\",\"action\":\"context_store_search\",\"params\":"
                + "{\"query\":{\"filter\":{\"like\":{\"name\":\"launch\"}},\"sort\":[{\"due_on\":\"asc\"}]},"
                + "\"fields\":[\"name\"]}}");
        assertThat(found.error()).as(found.json()).isFalse();
        JsonNode envelope = JSON.readTree(found.json());
        assertThat(envelope.path("data").findValuesAsText("name"))
                .containsExactly("Launch plan", "Launch review", "Launch party");
        assertThat(envelope.path("meta").path("synced_at").asText()).isNotBlank();

        AsanaToolResult counted = tool.call(Map.of("entity", "tasks", "action", "context_store_aggregate",
                "params", Map.of("filter", Map.of("eq", Map.of("completed", false), "lt",
                        Map.of("due_on", "2026-01-05")), "group_by", List.of("assignee.name"),
                        "sort", List.of(Map.of("count", "desc")))));
        JsonNode groups = JSON.readTree(counted.json()).path("data");
        assertThat(groups.get(0).path("assignee.name").asText()).isEqualTo("Ada");
        assertThat(groups.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(groups.get(1).path("count").asLong()).isEqualTo(1);
        assertThat(simulated.sim().stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);

        AsanaToolResult bad = tool.call("{\"entity\":\"tasks\",\"action\":\"context_store_search\",\"params\":{}}");
        assertThat(bad.error()).isTrue();
        assertThat(bad.json()).contains("query is required");
    }

    @Test
    void theResultBudgetAppliesToThem() throws Exception {
        AsanaTool tool = AsanaTool.builder(stored.connector()).maxResultChars(1_000).build();
        AsanaToolResult r = tool.call("{\"entity\":\"tasks\",\"action\":\"context_store_search\",\"params\":"
                + "{\"query\":{},\"limit\":5}}");
        assertThat(r.json().length()).isLessThanOrEqualTo(1_000);
        JsonNode cut = JSON.readTree(r.json()).path("meta").path("result_cut");
        assertThat(cut.path("records_dropped").asInt()).as(r.json()).isPositive();
        assertThat(cut.path("note").asText()).contains("meta.cursor continues after all 5");
    }
}
