package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.sim.AsanaSimulator;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an MCP client sees, whatever the transport: run over stdio and over streamable HTTP with the MCP SDK's own
 * client, against a connector on the Asana simulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMcpContractTest {
    /** A small result budget, so that one page of a project's tasks has to be cut. */
    static final int BUDGET = 3_000;
    static final McpServerOptions SINGLE = McpServerOptions.defaults().withMaxResultChars(BUDGET);
    static final McpServerOptions PER_ENTITY = McpServerOptions.defaults().withTools(ToolMode.PER_ENTITY);
    static final McpServerOptions READ_ONLY = McpServerOptions.defaults().withReadOnly(true);
    static final McpServerOptions READ_ONLY_PER_ENTITY = PER_ENTITY.withReadOnly(true);

    final ObjectMapper mapper = new ObjectMapper();
    final Map<McpServerOptions, McpSyncClient> clients = new LinkedHashMap<>();
    AsanaSimulator sim;

    /** Starts a server with these options on a connector to {@link #sim}; returns a client, initialized. */
    abstract McpSyncClient connect(McpServerOptions options) throws Exception;

    /** Stops what {@link #connect} started. */
    abstract void stopServers() throws Exception;

    @BeforeAll
    void startSimulator() {
        sim = AsanaSimulator.builder().seed(42).build().start();
    }

    @AfterAll
    void stopAll() throws Exception {
        for (McpSyncClient c : clients.values()) {
            c.closeGracefully();
        }
        stopServers();
        sim.close();
    }

    synchronized McpSyncClient client(McpServerOptions options) throws Exception {
        McpSyncClient c = clients.get(options);
        if (c == null) {
            c = connect(options);
            clients.put(options, c);
        }
        return c;
    }

    @Test
    void initializesAndListsTheSingleTool() throws Exception {
        McpSyncClient c = client(SINGLE);
        assertThat(c.getServerInfo().name()).isEqualTo("asana-agent-connector");
        assertThat(c.getServerCapabilities().tools()).isNotNull();
        assertThat(c.getServerInstructions()).contains("asana_execute");
        List<Tool> tools = c.listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactly("asana_execute");
        Tool tool = tools.get(0);
        assertThat(tool.description()).hasSizeLessThan(12_000).contains("tasks: ").contains("fetch_all=true");
        assertThat(schemaAt(tool.inputSchema(), "properties", "entity", "enum")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsAll(AsanaSpec.get().entities().keySet());
        assertThat(schemaAt(tool.inputSchema(), "properties", "action", "enum")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("list", "get", "create", "update", "delete", "download");
        assertThat(tool.inputSchema().get("required")).isEqualTo(List.of("entity", "action"));
        assertThat(tool.annotations().readOnlyHint()).isFalse();
        assertThat(tool.annotations().title()).isEqualTo(tool.title());
    }

    @Test
    void listsOneToolPerEntityWithPreciseSchemas() throws Exception {
        List<Tool> tools = client(PER_ENTITY).listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactlyElementsOf(
                AsanaSpec.get().entities().keySet().stream().map(e -> "asana_" + e).toList());
        Tool tasks = tools.stream().filter(t -> t.name().equals("asana_tasks")).findFirst().orElseThrow();
        assertThat(schemaAt(tasks.inputSchema(), "properties", "action", "enum"))
                .isEqualTo(List.of("list", "create", "get", "update", "delete"));
        assertThat(schemaAt(tasks.inputSchema(), "properties", "params", "properties"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class)).containsKeys("task_gid", "project", "data", "fields", "limit");
        assertThat(tasks.description()).contains(" create").contains("Tasks");
        Tool userTeams = tools.stream().filter(t -> t.name().equals("asana_user_teams")).findFirst().orElseThrow();
        assertThat(schemaAt(userTeams.inputSchema(), "properties", "params", "required"))
                .isEqualTo(List.of("user_gid", "organization"));
        assertThat(userTeams.annotations().readOnlyHint()).isTrue();
        assertThat(userTeams.inputSchema().get("required")).isEqualTo(List.of("params"));
        for (Tool t : tools) {
            assertThat(t.annotations().title()).isEqualTo(t.title());
            assertThat(t.inputSchema().get("additionalProperties")).isEqualTo(false);
        }
        Map<String, Boolean> destructive = new java.util.HashMap<>();
        tools.forEach(t -> destructive.put(t.name(), t.annotations().destructiveHint()));
        assertThat(destructive).containsEntry("asana_section_tasks", true).containsEntry("asana_task_tags", true)
                .containsEntry("asana_tasks", true).containsEntry("asana_workspace_memberships", false)
                .containsEntry("asana_users", false);
    }

    @Test
    void callsAReadAndReturnsTheEnvelope() throws Exception {
        CallToolResult r = call(client(SINGLE), "asana_execute", "workspaces", "list", Map.of());
        assertThat(r.isError()).isFalse();
        JsonNode envelope = json(r);
        assertThat(envelope.path("success").asBoolean()).isTrue();
        assertThat(envelope.path("data").findValuesAsText("gid")).contains(sim.workspaceGid());
        assertThat(envelope.path("meta").has("next_page")).isTrue();
        assertThat(r.structuredContent()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) r.structuredContent()).get("success")).isEqualTo(true);

        JsonNode task = json(call(client(SINGLE), "asana_execute", "tasks", "get",
                Map.of("task_gid", sim.fixtures().taskGid(), "fields", List.of("name", "completed"))));
        assertThat(task.path("data").path("gid").asText()).isEqualTo(sim.fixtures().taskGid());
        assertThat(task.path("data").has("name")).isTrue();
    }

    @Test
    void callsAnEntityTool() throws Exception {
        CallToolResult r = client(PER_ENTITY).callTool(request("asana_tasks", Map.of("action", "get",
                "params", Map.of("task_gid", sim.fixtures().taskGid(), "fields", "name,completed"))));
        assertThat(r.isError()).isFalse();
        assertThat(json(r).path("data").path("gid").asText()).isEqualTo(sim.fixtures().taskGid());
        // a one-action entity needs no action
        CallToolResult subtasks = client(PER_ENTITY).callTool(request("asana_task_subtasks",
                Map.of("params", Map.of("task_gid", sim.fixtures().taskGid()))));
        assertThat(subtasks.isError()).isFalse();
        assertThat(json(subtasks).path("data").isArray()).isTrue();
    }

    @Test
    void callsAWrite() throws Exception {
        Map<String, Object> data = Map.of("name", "Written over MCP", "workspace", sim.workspaceGid(),
                "projects", List.of(sim.fixtures().projectGid()));
        CallToolResult created = call(client(SINGLE), "asana_execute", "tasks", "create", Map.of("data", data));
        assertThat(created.isError()).as(text(created)).isFalse();
        String gid = json(created).path("data").path("gid").asText();
        assertThat(gid).isNotBlank();
        JsonNode read = json(client(PER_ENTITY).callTool(request("asana_tasks",
                Map.of("action", "get", "params", Map.of("task_gid", gid)))));
        assertThat(read.path("data").path("name").asText()).isEqualTo("Written over MCP");
    }

    @Test
    void readOnlyHidesAndRefusesWrites() throws Exception {
        Tool single = client(READ_ONLY).listTools().tools().get(0);
        assertThat(single.description()).contains("Read-only");
        assertThat(schemaAt(single.inputSchema(), "properties", "action", "enum"))
                .isEqualTo(List.of("list", "get", "download"));
        assertThat(schemaAt(single.inputSchema(), "properties", "entity", "enum")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .doesNotContain("task_stories", "task_tags", "workspace_memberships");
        assertThat(single.annotations().readOnlyHint()).isTrue();

        long before = sim.stats().apiRequests();
        CallToolResult refused = call(client(READ_ONLY), "asana_execute", "tasks", "create",
                Map.of("data", Map.of("name", "x", "workspace", sim.workspaceGid())));
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("refused in read-only mode").contains("list, get");
        assertThat(json(refused).path("meta").path("error_type").asText()).isEqualTo("read_only");
        CallToolResult delete = call(client(READ_ONLY), "asana_execute", "tasks", "delete",
                Map.of("task_gid", sim.fixtures().taskGid()));
        assertThat(delete.isError()).isTrue();
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
        assertThat(call(client(READ_ONLY), "asana_execute", "tasks", "get",
                Map.of("task_gid", sim.fixtures().taskGid())).isError()).isFalse();

        List<Tool> perEntity = client(READ_ONLY_PER_ENTITY).listTools().tools();
        assertThat(perEntity).extracting(Tool::name).doesNotContain("asana_task_stories", "asana_task_tags",
                "asana_workspace_memberships").contains("asana_tasks", "asana_workspaces");
        Tool tasks = perEntity.stream().filter(t -> t.name().equals("asana_tasks")).findFirst().orElseThrow();
        assertThat(schemaAt(tasks.inputSchema(), "properties", "action", "enum")).isEqualTo(List.of("list", "get"));
        assertThat(schemaAt(tasks.inputSchema(), "properties", "params", "properties"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .doesNotContainKey("data");
        assertThat(tasks.description()).doesNotContainPattern("(?m)^ (create|update|delete)");
        CallToolResult refusedToo = client(READ_ONLY_PER_ENTITY).callTool(request("asana_tasks",
                Map.of("action", "delete", "params", Map.of("task_gid", sim.fixtures().taskGid()))));
        assertThat(refusedToo.isError()).isTrue();
        assertThat(text(refusedToo)).contains("read-only");
        assertThat(sim.stats().apiRequests()).isEqualTo(before + 1);
    }

    @Test
    void invalidCallsComeBackAsToolErrors() throws Exception {
        McpSyncClient c = client(SINGLE);
        CallToolResult unknownEntity = call(c, "asana_execute", "taks", "list", Map.of());
        assertThat(unknownEntity.isError()).isTrue();
        assertThat(text(unknownEntity)).contains("unknown entity 'taks'").contains("did you mean 'tasks'");
        assertThat(json(unknownEntity).path("meta").path("error_type").asText()).isEqualTo("validation_error");

        CallToolResult badLimit = call(c, "asana_execute", "tasks", "list",
                Map.of("project", sim.fixtures().projectGid(), "limit", 500));
        assertThat(badLimit.isError()).isTrue();
        assertThat(text(badLimit)).contains("limit");

        CallToolResult unknownParam = call(c, "asana_execute", "tasks", "get",
                Map.of("task_gid", sim.fixtures().taskGid(), "colour", "red"));
        assertThat(unknownParam.isError()).isTrue();
        assertThat(text(unknownParam)).contains("unknown param 'colour'");

        Map<String, Object> args = new LinkedHashMap<>();
        args.put("entity", "tasks");
        args.put("action", "get");
        args.put("params", List.of(1, 2));
        CallToolResult notAnObject = c.callTool(request("asana_execute", args));
        assertThat(notAnObject.isError()).isTrue();
        assertThat(text(notAnObject)).contains("params must be a JSON object");

        CallToolResult missing = c.callTool(request("asana_execute", Map.of()));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("entity is required");

        CallToolResult notFound = call(c, "asana_execute", "tasks", "get", Map.of("task_gid", "1999999999999999"));
        assertThat(notFound.isError()).isTrue();
        assertThat(json(notFound).path("meta").path("error_type").asText()).isEqualTo("not_found");

        CallToolResult badAction = client(PER_ENTITY).callTool(request("asana_tasks",
                Map.of("action", "frobnicate", "params", Map.of())));
        assertThat(badAction.isError()).isTrue();
        assertThat(text(badAction)).contains("has no action 'frobnicate'");
    }

    @Test
    void cutsAnOversizedResultWithANote() throws Exception {
        CallToolResult r = call(client(SINGLE), "asana_execute", "project_tasks", "list",
                Map.of("project_gid", sim.fixtures().projectGid(), "limit", 100));
        assertThat(r.isError()).isFalse();
        String text = text(r);
        assertThat(text.length()).isLessThanOrEqualTo(BUDGET);
        JsonNode envelope = mapper.readTree(text);
        JsonNode cut = envelope.path("meta").path("result_cut");
        int returned = cut.path("records_returned").asInt();
        int dropped = cut.path("records_dropped").asInt();
        assertThat(returned).isPositive().isEqualTo(envelope.path("data").size());
        assertThat(dropped).isPositive();
        assertThat(cut.path("note").asText()).contains("fields").contains("limit=" + returned)
                .contains(dropped + " are not shown");
    }

    @Test
    void downloadsAFileOrAPartOfIt() throws Exception {
        CallToolResult part = client(PER_ENTITY).callTool(request("asana_attachments", Map.of(
                "action", "download", "params", Map.of("attachment_gid", sim.fixtures().attachmentGid(),
                        "range_header", "bytes=0-99"))));
        assertThat(part.isError()).as(text(part)).isFalse();
        JsonNode data = json(part).path("data");
        assertThat(data.path("bytes").asInt()).isEqualTo(100);
        assertThat(data.has("content_base64") || data.has("content_text")).isTrue();
        assertThat(data.has("download_url")).as("the signed URL stays out of results").isFalse();

        String big = sim.addLargeAttachment(sim.fixtures().taskGid(), "big.bin", 50_000);
        CallToolResult whole = client(SINGLE).callTool(request("asana_execute", Map.of("entity",
                "attachments", "action", "download", "params", Map.of("attachment_gid", big))));
        assertThat(whole.isError()).isTrue();
        assertThat(text(whole)).contains("range_header").contains("50000 bytes");
    }

    static CallToolRequest request(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(arguments).build();
    }

    CallToolResult call(McpSyncClient c, String tool, String entity, String action, Map<String, ?> params) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("entity", entity);
        args.put("action", action);
        args.put("params", params);
        return c.callTool(request(tool, args));
    }

    static String text(CallToolResult r) {
        List<String> texts = new ArrayList<>();
        r.content().forEach(c -> texts.add(((TextContent) c).text()));
        return String.join("\n", texts);
    }

    JsonNode json(CallToolResult r) throws Exception {
        return mapper.readTree(((TextContent) r.content().get(0)).text());
    }

    @SuppressWarnings("unchecked")
    static Object schemaAt(Map<String, Object> schema, String... path) {
        Object cur = schema;
        for (String key : path) {
            cur = ((Map<String, Object>) cur).get(key);
        }
        return cur;
    }
}
