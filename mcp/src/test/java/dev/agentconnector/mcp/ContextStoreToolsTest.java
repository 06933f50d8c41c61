package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.runtime.ConnectorOptions;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose connector has a context store offers {@code context_store_search} and
 * {@code context_store_aggregate} in every tool mode (enums, params, descriptions, read-only included) and answers
 * them from the store, under the result budget; without a store nothing mentions them. Over streamable HTTP with the
 * SDK's client; the connector points nowhere, so any request to Asana would fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextStoreToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STORE_ACTIONS = List.of(StoreActions.SEARCH, StoreActions.AGGREGATE);

    private AsanaConnector withStore;
    private AsanaConnector withoutStore;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    void fillAStore() throws Exception {
        Path dir = Files.createTempDirectory("mcp-context-store-");
        ContextStore store = StoreLocation.dataDir(dir, true).open();
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 24; i++) {
            ObjectNode task = JSON.createObjectNode().put("gid", String.valueOf(1000 + i))
                    .put("name", (i % 3 == 0 ? "Launch checklist " : "Routine chore ") + i + " " + "x".repeat(60))
                    .put("completed", i % 4 == 0).put("due_on", String.format("2026-01-%02d", i));
            task.putObject("assignee").put("gid", i % 3 == 0 ? "71" : "72").put("name", i % 3 == 0 ? "Grace" : "Ada");
            store.upsert("local", "tasks", task, now);
        }
        store.markSynced("local", "tasks", now);
        store.upsert("local", "projects", JSON.readTree("{\"gid\":\"501\",\"name\":\"Launch\"}"), now);
        store.markSynced("local", "projects", now);
        ConnectorOptions nowhere = ConnectorOptions.builder().baseUrl("http://127.0.0.1:9/api/1.0").build();
        withStore = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("unused"), nowhere.toBuilder()
                .localActions(new StoreLocalActions(store, "local")).build());
        withoutStore = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("unused"), nowhere);
    }

    @AfterAll
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        servers.forEach(HttpServer::close);
        withStore.close();
        withoutStore.close();
    }

    private McpSyncClient client(AsanaConnector connector, McpServerOptions options) throws Exception {
        HttpServer server = HttpServer.start(new AsanaMcpServer(connector, options), HttpOptions.loopback(0));
        servers.add(server);
        McpSyncClient c = HttpMcpTest.client(server, null);
        clients.add(c);
        return c;
    }

    @Test
    void theSingleToolOffersAndTeachesTheStoreActions() throws Exception {
        McpSyncClient c = client(withStore, McpServerOptions.defaults());
        Tool tool = c.listTools().tools().get(0);
        assertThat(schemaAt(tool.inputSchema(), "properties", "action", "enum"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).contains("list", "get").containsAll(STORE_ACTIONS);
        assertThat(schemaAt(tool.inputSchema(), "properties", "entity", "enum"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).containsAll(StoreActions.ENTITIES);
        assertThat(tool.description()).hasSizeLessThan(12_000).isEqualTo(withStore.toolDescription())
                .contains(" context_store_search: ").contains("query* {filter, sort")
                .contains("tasks context_store_aggregate {\"filter\":{\"eq\":{\"completed\":false}")
                .contains("meta.synced_at").contains("asana-agent sync");
        assertThat(c.getServerInstructions()).contains("context_store_search, context_store_aggregate");

        McpSyncClient readOnly = client(withStore, McpServerOptions.defaults().withReadOnly(true));
        Tool ro = readOnly.listTools().tools().get(0);
        assertThat(schemaAt(ro.inputSchema(), "properties", "action", "enum"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).containsAll(STORE_ACTIONS).doesNotContain("create");
        assertThat(ro.description()).contains("Read-only").contains("context_store_search");
        assertThat(ro.annotations().readOnlyHint()).isTrue();
    }

    @Test
    void withoutAStoreNothingMentionsThem() throws Exception {
        McpSyncClient single = client(withoutStore, McpServerOptions.defaults());
        Tool tool = single.listTools().tools().get(0);
        assertThat(tool.description()).doesNotContain("context_store").doesNotContain("Context store");
        assertThat(schemaAt(tool.inputSchema(), "properties", "action", "enum"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).doesNotContainAnyElementsOf(STORE_ACTIONS);
        assertThat(single.getServerInstructions()).doesNotContain("context_store");
        for (Tool t : client(withoutStore, McpServerOptions.defaults().withTools(ToolMode.PER_ENTITY)).listTools()
                .tools()) {
            assertThat(t.description()).as(t.name()).doesNotContain("context_store");
            assertThat(schemaAt(t.inputSchema(), "properties", "action", "enum")).as(t.name())
                    .asInstanceOf(InstanceOfAssertFactories.LIST).doesNotContainAnyElementsOf(STORE_ACTIONS);
        }
    }

    @Test
    void perEntityToolsGainTheActionsAndTheirParams() throws Exception {
        List<Tool> tools = client(withStore, McpServerOptions.defaults().withTools(ToolMode.PER_ENTITY)).listTools()
                .tools();
        for (Tool t : tools) {
            String entity = t.name().substring("asana_".length());
            @SuppressWarnings("unchecked")
            List<String> actions = (List<String>) schemaAt(t.inputSchema(), "properties", "action", "enum");
            if (StoreActions.ENTITIES.contains(entity)) {
                assertThat(actions).as(t.name()).endsWith(StoreActions.SEARCH, StoreActions.AGGREGATE);
                assertThat(t.description()).as(t.name()).contains(" context_store_search: ")
                        .contains(" context_store_aggregate: ");
                assertThat(schemaAt(t.inputSchema(), "properties", "params", "properties")).as(t.name())
                        .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                        .containsKeys("query", "cursor", "filter", "group_by", "metrics", "sort", "limit");
            } else {
                assertThat(actions).as(t.name()).doesNotContainAnyElementsOf(STORE_ACTIONS);
            }
        }
        Tool tasks = tools.stream().filter(t -> t.name().equals("asana_tasks")).findFirst().orElseThrow();
        assertThat(schemaAt(tasks.inputSchema(), "properties", "action", "enum")).isEqualTo(List.of("list", "create",
                "get", "update", "delete", "context_store_search", "context_store_aggregate"));
        assertThat((String) schemaAt(tasks.inputSchema(), "properties", "params", "properties", "query",
                "description")).startsWith("[context_store_search] {filter, sort}");
        assertThat((String) schemaAt(tasks.inputSchema(), "properties", "params", "properties", "query",
                "properties", "filter", "description")).contains("eq neq gt gte lt lte").contains("fuzzy");
        // limit is shared: the widest bounds, each action's own meaning
        assertThat(schemaAt(tasks.inputSchema(), "properties", "params", "properties", "limit", "maximum"))
                .isEqualTo(10_000);
        assertThat((String) schemaAt(tasks.inputSchema(), "properties", "params", "properties", "limit",
                "description")).contains("[list] Records per page, 1-100")
                .contains("[context_store_search] Records per page, 1-1000")
                .contains("[context_store_aggregate] Groups returned, 1-10000");
        assertThat((String) schemaAt(tasks.inputSchema(), "properties", "params", "description"))
                .contains("context_store_search: query;").contains("context_store_aggregate: none");
        assertThat(tasks.annotations().destructiveHint()).isTrue(); // its updates and deletes, as before

        List<Tool> readOnly = client(withStore, McpServerOptions.defaults().withTools(ToolMode.PER_ENTITY)
                .withReadOnly(true)).listTools().tools();
        Tool roTasks = readOnly.stream().filter(t -> t.name().equals("asana_tasks")).findFirst().orElseThrow();
        assertThat(schemaAt(roTasks.inputSchema(), "properties", "action", "enum"))
                .isEqualTo(List.of("list", "get", "context_store_search", "context_store_aggregate"));
        assertThat(roTasks.annotations().readOnlyHint()).isTrue();
        assertThat(roTasks.annotations().destructiveHint()).isFalse();
        assertThat(readOnly.stream().filter(t -> t.name().equals("asana_teams")).findFirst().orElseThrow()
                .annotations().readOnlyHint()).isTrue();
    }

    @Test
    void callsReturnRecordsFromTheStore() throws Exception {
        McpSyncClient single = client(withStore, McpServerOptions.defaults().withReadOnly(true));
        CallToolResult found = single.callTool(request("asana_execute", Map.of("entity", "tasks",
                "action", "context_store_search", "params", Map.of("query", Map.of(
                        "filter", Map.of("like", Map.of("name", "launch"), "eq", Map.of("completed", false)),
                        "sort", List.of(Map.of("due_on", "desc"))), "limit", 3,
                        "fields", List.of("name", "assignee.name")))));
        assertThat(found.isError()).as(text(found)).isFalse();
        JsonNode envelope = json(found);
        assertThat(envelope.path("data")).hasSize(3);
        assertThat(envelope.path("data").get(0).path("name").asText()).startsWith("Launch checklist 21 ");
        assertThat(envelope.path("data").get(0).path("assignee").path("name").asText()).isEqualTo("Grace");
        assertThat(envelope.path("meta").path("has_more").asBoolean()).isTrue();
        assertThat(envelope.path("meta").path("synced_at").asText()).isNotBlank();
        assertThat(((Map<?, ?>) found.structuredContent()).get("success")).isEqualTo(true);

        McpSyncClient perEntity = client(withStore, McpServerOptions.defaults().withTools(ToolMode.PER_ENTITY));
        CallToolResult counted = perEntity.callTool(request("asana_tasks", Map.of("action",
                "context_store_aggregate", "params", Map.of("filter", Map.of("eq", Map.of("completed", false),
                        "lt", Map.of("due_on", "2026-01-13")), "group_by", List.of("assignee.name"),
                        "sort", List.of(Map.of("count", "desc"))))));
        assertThat(counted.isError()).as(text(counted)).isFalse();
        JsonNode groups = json(counted).path("data");
        // tasks 1..12, not 4, 8, 12 (completed): Ada has 1, 2, 5, 6, 9, 10; Grace 3, 7, 11
        assertThat(groups.get(0).path("assignee.name").asText()).isEqualTo("Ada");
        assertThat(groups.get(0).path("count").asLong()).isEqualTo(6);
        assertThat(groups.get(1).path("count").asLong()).isEqualTo(3);

        CallToolResult bad = perEntity.callTool(request("asana_projects", Map.of("action", "context_store_search",
                "params", Map.of("query", Map.of("filter", Map.of("equals", Map.of("name", "Launch")))))));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("projects.context_store_search").contains("equals")
                .contains("validation_error");
    }

    @Test
    void theResultBudgetCutsThemAsAnyCall() throws Exception {
        McpSyncClient c = client(withStore, McpServerOptions.defaults().withMaxResultChars(1_500));
        CallToolResult r = c.callTool(request("asana_execute", Map.of("entity", "tasks",
                "action", "context_store_search", "params", Map.of("query", Map.of(), "limit", 20))));
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(text(r).length()).isLessThanOrEqualTo(1_500);
        JsonNode cut = json(r).path("meta").path("result_cut");
        assertThat(cut.path("records_dropped").asInt()).isPositive();
        assertThat(cut.path("note").asText()).contains("meta.cursor continues after all 20");
        assertThat(json(r).path("meta").path("cursor").asText()).isNotBlank();
    }

    private static CallToolRequest request(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(new LinkedHashMap<>(arguments)).build();
    }

    private static String text(CallToolResult r) {
        List<String> texts = new ArrayList<>();
        r.content().forEach(c -> texts.add(((TextContent) c).text()));
        return String.join("\n", texts);
    }

    private static JsonNode json(CallToolResult r) throws Exception {
        return JSON.readTree(((TextContent) r.content().get(0)).text());
    }

    private static Object schemaAt(Map<String, Object> schema, String... path) {
        return AbstractMcpContractTest.schemaAt(schema, path);
    }
}
