package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.contextstore.asana.AsanaFullSync;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A full sync from the simulator into a SQLite store: counts, searchable fields, deletions, and a failed pass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsanaFullSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private AsanaSimulator sim;
    private AsanaConnector asana;
    private ContextStore store;

    @BeforeAll
    void start() throws Exception {
        sim = AsanaSimulator.builder().seed(42).build().start();
        asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).build());
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + Files.createTempDirectory("sync-").resolve("store.db"));
        ContextStore.migrate(ds, SqlDialect.SQLITE);
        store = new ContextStore(ds, SqlDialect.SQLITE);
    }

    @AfterAll
    void stop() {
        asana.close();
        sim.close();
    }

    @Test
    void aFullPassWritesEveryEntityAndRemovesWhatIsGone() throws Exception {
        List<String> lines = new ArrayList<>();
        AsanaFullSync sync = new AsanaFullSync(asana, store, "local", Clock.systemUTC());
        AsanaFullSync.Report first = sync.run(List.of(), Set.copyOf(AsanaFullSync.DEFAULT_ENTITIES), lines::add);
        assertThat(first.written()).containsKeys("workspaces", "users", "teams", "projects", "tags", "sections",
                "tasks");
        assertThat(store.count("local", "workspaces")).isEqualTo(2);
        assertThat(store.count("local", "tasks")).isGreaterThan(10);
        assertThat(lines).last().asString().startsWith("sync done:");

        // the fields search needs came with the tasks
        SearchResult open = store.search("local", "tasks", SearchRequest.parse(JSON.readTree(
                "{\"query\":{\"filter\":{\"eq\":{\"completed\":false}},\"sort\":[{\"due_on\":\"asc\"}]},\"limit\":5,"
                        + "\"fields\":[\"name\",\"assignee.name\",\"due_on\",\"projects.name\"]}")));
        assertThat(open.data()).isNotEmpty();
        assertThat(open.data().get(0).has("projects")).isTrue();
        String gid = sim.fixtures().taskGid();
        assertThat(store.search("local", "tasks", SearchRequest.parse(JSON.readTree(
                "{\"query\":{\"filter\":{\"eq\":{\"gid\":\"" + gid + "\"}}}}"))).data().get(0)
                .path("memberships").isArray()).isTrue();

        // a task deleted in Asana is gone after the next pass; a pass writes nothing twice
        long tasks = store.count("local", "tasks");
        assertThat(asana.execute("tasks", "delete", Map.of("task_gid", gid)).success()).isTrue();
        AsanaFullSync.Report second = sync.run(List.of(), Set.of("tasks"), line -> { });
        assertThat(second.removed().get("tasks")).isGreaterThanOrEqualTo(1);
        assertThat(store.count("local", "tasks")).isLessThan(tasks);
        assertThat(store.search("local", "tasks", SearchRequest.parse(JSON.readTree(
                "{\"query\":{\"filter\":{\"eq\":{\"gid\":\"" + gid + "\"}}}}"))).data()).isEmpty();
    }

    @Test
    void aFailedPassRemovesNothingAndTheNextOneCompletes() throws Exception {
        AsanaFullSync sync = new AsanaFullSync(asana, store, "failing", Clock.systemUTC());
        sync.run(List.of(), Set.of("workspaces", "projects"), line -> { });
        long projects = store.count("failing", "projects");
        AtomicInteger calls = new AtomicInteger();
        Executor breaksLate = new Executor() {
            @Override
            public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
                if (calls.incrementAndGet() > 2) {
                    return asana.execute("no_such_entity", "list", Map.of());
                }
                return asana.execute(entity, action, params);
            }

            @Override
            public ExecutionResult execute(String entity, String action, JsonNode params) {
                return asana.execute(entity, action, params);
            }
        };
        assertThatThrownBy(() -> new AsanaFullSync(breaksLate, store, "failing", Clock.systemUTC())
                .run(List.of(), Set.of("workspaces", "projects"), line -> { }))
                .isInstanceOf(AsanaFullSync.SyncException.class).hasMessageContaining("nothing was removed");
        assertThat(store.count("failing", "projects")).isEqualTo(projects);
        assertThat(sync.run(List.of(), Set.of("workspaces", "projects"), line -> { }).removed().get("projects"))
                .isZero();
        assertThat(store.count("failing", "projects")).isEqualTo(projects);
    }

    @Test
    void aLocalConnectorAnswersTheStoreActionsFromItsStore() throws Exception {
        new AsanaFullSync(asana, store, "java", Clock.systemUTC()).run(List.of(), Set.of("tasks", "projects"),
                line -> { });
        try (AsanaConnector local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(sim.baseUrl())
                .localActions(new StoreLocalActions(store, "java")).build())) {
            long before = sim.stats().apiRequests();
            ExecutionResult found = local.execute("tasks", "context_store_search", Map.of("query",
                    Map.of("filter", Map.of("eq", Map.of("completed", true))), "limit", 2));
            assertThat(found.success()).as(found.toString()).isTrue();
            assertThat(found.data()).hasSize(2);
            assertThat(found.meta().path("synced_at").asText()).isNotBlank();
            ExecutionResult counted = local.execute("projects", "context_store_aggregate", Map.of());
            assertThat(counted.data().get(0).path("count").asLong()).isGreaterThan(0);
            assertThat(sim.stats().apiRequests()).as("no request to Asana").isEqualTo(before);
            ExecutionResult bad = local.execute("tasks", "context_store_search", Map.of("query",
                    Map.of("filter", Map.of("eq", Map.of("bad path!", 1)))));
            assertThat(bad.success()).isFalse();
            assertThat(bad.error()).startsWith("tasks.context_store_search: query.filter.eq: 'bad path!' is not a field");
            assertThat(local.execute("tags", "context_store_search", Map.of("query", Map.of())).error())
                    .contains("no tags have been synced");
        }
    }
}
