package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaHostedAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.AsanaToolDescription;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.tool.ToolDescription;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's actions describe themselves, and the Asana tool description teaches them when a connector offers them,
 * within the same budget as without.
 */
class StoreToolDescriptionTest {
    private static final int BUDGET = 12_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalActions STORE = new StoreLocalActions((entity, action, params) -> {
        throw new AssertionError("not run here");
    });

    @Test
    void describesBothActionsOnEveryEntityTheStoreHolds() {
        List<LocalAction> actions = STORE.actions();
        assertThat(actions).hasSize(2 * StoreActions.ENTITIES.size()).allMatch(LocalAction::readOnly);
        for (String entity : StoreActions.ENTITIES) {
            assertThat(actions).filteredOn(a -> a.entity().equals(entity)).extracting(LocalAction::action)
                    .containsExactly(StoreActions.SEARCH, StoreActions.AGGREGATE);
            assertThat(AsanaSpec.get().entities()).as("an entity of the spec").containsKey(entity);
        }
        LocalAction search = actions.get(0);
        assertThat(search.params().get("required")).isEqualTo(List.of("query"));
        assertThat(at(search.params(), "properties", "limit", "maximum")).isEqualTo(SearchRequest.MAX_LIMIT);
        assertThat(at(actions.get(1).params(), "properties")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("filter", "group_by", "metrics",
                "sort", "limit");
    }

    /** The guide's examples are calls the store accepts (with today's date in place of the placeholder). */
    @Test
    void theGuidesExamplesParse() throws Exception {
        List<String> examples = StoreActionDescriptions.guide().lines()
                .filter(l -> l.startsWith("tasks context_store_")).toList();
        assertThat(examples).hasSize(2);
        for (String line : examples) {
            String[] parts = line.split(" ", 3);
            JsonNode params = JSON.readTree(parts[2].replace("<today>", "2026-01-15"));
            if (parts[1].equals(StoreActions.SEARCH)) {
                assertThat(SearchRequest.parse(params).filter()).as(line).isNotNull();
            } else {
                AggregateRequest r = AggregateRequest.parse(params);
                assertThat(r.groups()).extracting(AggregateRequest.Group::name).containsExactly("assignee.name");
                assertThat(r.metrics()).extracting(AggregateRequest.Metric::name).containsExactly("count");
            }
        }
    }

    @Test
    void theDescriptionTeachesTheStoreWithinTheBudget() {
        for (boolean readOnly : new boolean[]{false, true}) {
            String text = AsanaToolDescription.of(STORE, readOnly);
            assertThat(text.length()).as("read-only " + readOnly).isLessThan(BUDGET);
            assertThat(text)
                    .contains("Also, with no API call, on tasks, projects, workspaces, users, teams, attachments, "
                            + "tags, sections:")
                    .contains(" context_store_search: ").contains(" context_store_aggregate: ")
                    .contains("query* {filter, sort").contains("eq neq gt gte lt lte").contains("fuzzy")
                    .contains("group_by").contains("\"by\": \"day|week|month\"")
                    .contains("prefer it to list for questions across a workspace, counts").contains("meta.synced_at")
                    .contains("asana-agent sync").contains("/sync")
                    .contains("tasks context_store_search {\"query\":")
                    .contains("tasks context_store_aggregate {\"filter\":{\"eq\":{\"completed\":false},\"lt\":"
                            + "{\"due_on\":\"<today>\"}},\"group_by\":[\"assignee.name\"]")
                    // the spec's part is all there
                    .contains("tasks: ").contains("fetch_all=true").contains("workspace_task_search: ")
                    .contains(readOnly ? "Read-only" : "workspace_memberships: ");
            assertThat(text.startsWith(readOnly ? AsanaToolDescription.readOnly().substring(0, 80)
                    : AsanaToolDescription.get().substring(0, 80))).isTrue();
            Set<String> seen = new HashSet<>();
            for (String line : text.split("\n")) {
                for (String sentence : line.split("(?<=[.;])\\s+")) {
                    String s = sentence.trim();
                    if (s.split("\\s+").length >= 5) {
                        assertThat(seen.add(s)).as("repeated: " + s).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void withoutAStoreTheDescriptionSaysNothingOfIt() throws Exception {
        assertThat(AsanaToolDescription.of(LocalActions.NONE, false)).isSameAs(AsanaToolDescription.get())
                .doesNotContain("context_store");
        assertThat(AsanaToolDescription.of(null, true)).isSameAs(AsanaToolDescription.readOnly());
        ConnectorOptions plain = ConnectorOptions.builder().baseUrl("http://127.0.0.1:9").build();
        try (AsanaConnector without = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("t"), plain);
             AsanaConnector with = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("t"),
                     plain.toBuilder().localActions(STORE).build())) {
            assertThat(without.localActions().actions()).isEmpty();
            assertThat(without.toolDescription()).isEqualTo(AsanaToolDescription.get());
            assertThat(with.localActions()).isSameAs(STORE);
            assertThat(with.toolDescription()).contains("context_store_aggregate").isSameAs(with.toolDescription());
            assertThat(with.toolDescription(true)).contains("Read-only").contains("context_store_search");
        }
    }

    /** A hosted connector answers the actions from a store synced in its own process, as a local one does. */
    @Test
    void aHostedConnectorWithAStoreOffersAndAnswersThem() throws Exception {
        ContextStore store = StoreLocation.dataDir(java.nio.file.Files.createTempDirectory("hosted-store-"), true)
                .open();
        store.upsert("local", "projects", JSON.readTree("{\"gid\":\"1\",\"name\":\"Launch\"}"), 1_000L);
        store.markSynced("local", "projects", 1_000L);
        try (AsanaConnector hosted = new AsanaConnector(AsanaHostedAuthConfig.forWorkspace("id", "secret", "ws")
                .withApiUrl("http://127.0.0.1:9"), ConnectorOptions.builder()
                .localActions(new StoreLocalActions(store, "local")).build())) {
            assertThat(hosted.toolDescription()).contains(" context_store_search: ");
            var found = hosted.execute("projects", "context_store_search", Map.of("query", Map.of()));
            assertThat(found.success()).as(found.toString()).isTrue();
            assertThat(found.data().get(0).path("name").asText()).isEqualTo("Launch");
        }
    }

    /** Prints the lengths that docs/MCP.md reports. */
    @Test
    void reportsTheLengths() {
        System.out.println("tool description lengths: full " + AsanaToolDescription.get().length() + ", read-only "
                + AsanaToolDescription.readOnly().length() + "; with the store: full "
                + AsanaToolDescription.of(STORE, false).length() + ", read-only "
                + AsanaToolDescription.of(STORE, true).length() + "; roomy (every word) with the store "
                + ToolDescription.generate(AsanaSpec.get(), false, STORE, 100_000).length());
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object o = map;
        for (String p : path) {
            o = ((Map<String, Object>) o).get(p);
        }
        return o;
    }
}
