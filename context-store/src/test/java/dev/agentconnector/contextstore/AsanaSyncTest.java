package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.contextstore.asana.AsanaSync;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sync from the simulator into a SQLite store. The measure of every pass is a fresh full sync of the same data into
 * another scope of the same store: after full, incremental, expired-token, vanished-project, failed-and-resumed and
 * rate-limited passes, the synced scope holds exactly the records (gids and documents) that the fresh one does.
 */
class AsanaSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENTITIES = Set.copyOf(AsanaSync.DEFAULT_ENTITIES);
    private AsanaSimulator sim;
    private AsanaConnector asana;
    private ContextStore store;
    private int oracles;

    @BeforeEach
    void start() throws Exception {
        sim = AsanaSimulator.builder().seed(7).tasksPerProject(60).build().start();
        asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).build());
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + Files.createTempDirectory("sync-").resolve("store.db"));
        ContextStore.migrate(ds, SqlDialect.SQLITE);
        store = new ContextStore(ds, SqlDialect.SQLITE);
    }

    @AfterEach
    void stop() {
        asana.close();
        sim.close();
    }

    private AsanaSync sync(String scope) {
        return new AsanaSync(asana, store, scope, Clock.systemUTC());
    }

    @Test
    void aFirstPassListsEverythingAndKeepsATokenPerProject() {
        List<String> lines = new ArrayList<>();
        AsanaSync.Report r = sync("local").run(List.of(), ENTITIES, false, lines::add);
        int projects = (int) store.count("local", "projects");
        assertThat(projects).isGreaterThan(1);
        assertThat(r.projectsListed()).isEqualTo(projects);
        assertThat(r.projectsIncremental()).isZero();
        assertThat(store.syncTokenResources("local")).hasSize(projects);
        assertThat(store.count("local", "tasks")).isGreaterThan(100);
        assertThat(store.syncedAt("local", "tasks")).isNotNull();
        assertThat(lines).last().asString().startsWith("sync done in ");
        assertSameAsAFreshSync("local");
    }

    @Test
    void aSecondPassReadsOnlyTheChangesAndRequestsInProportionToThem() {
        AsanaSync sync = sync("local");
        sync.run(List.of(), ENTITIES, false, line -> { });
        int projects = (int) store.count("local", "projects");
        String project = sim.fixtures().projectGid();
        String workspace = ok(asana.execute("projects", "get", Map.of("project_gid", project, "fields",
                List.of("workspace.name")))).path("workspace").path("gid").asText();

        // nothing changed: one events request per project and the few listings of the small entities
        AsanaSync.Report idle = sync.run(List.of(), ENTITIES, false, line -> { });
        assertThat(idle.projectsIncremental()).isEqualTo(projects);
        assertThat(idle.projectsListed()).isZero();
        assertThat(idle.changes()).isZero();
        long baseline = idle.requests();

        // 40 tasks changed, 5 deleted, 3 created, one section added, one tag put on a task
        List<String> tasks = taskGids(project);
        for (int i = 0; i < 40; i++) {
            ok(asana.execute("tasks", "update", Map.of("task_gid", tasks.get(i), "data",
                    Map.of("name", "renamed " + i, "completed", i % 2 == 0))));
        }
        for (int i = 40; i < 45; i++) {
            ok(asana.execute("tasks", "delete", Map.of("task_gid", tasks.get(i))));
        }
        for (int i = 0; i < 3; i++) {
            ok(asana.execute("tasks", "create", Map.of("data", Map.of("name", "new " + i, "projects",
                    List.of(project), "workspace", workspace))));
        }
        ok(asana.execute("project_sections", "create", Map.of("project_gid", project, "data",
                Map.of("name", "Added later"))));
        String tag = ok(asana.execute("workspace_tags", "create", Map.of("workspace_gid", workspace, "data",
                Map.of("name", "added-later")))).path("gid").asText();
        ok(asana.execute("task_tags", "create", Map.of("task_gid", tasks.get(50), "data", Map.of("tag", tag))));

        AsanaSync.Report r = sync.run(List.of(), ENTITIES, false, line -> { });
        assertThat(r.projectsListed()).isZero();
        assertThat(r.changes()).isGreaterThanOrEqualTo(50);
        // 44 tasks to fetch (40 changed, 3 new, 1 tagged; the deleted ones need no request), the sections of one
        // project listed again, and what an idle pass costs; never a re-crawl of the project's tasks
        assertThat(r.requests()).as("requests of the incremental pass").isLessThanOrEqualTo(baseline + 44 + 1 + 2);
        assertThat(r.removed().get("tasks")).isEqualTo(5);
        assertSameAsAFreshSync("local");
    }

    @Test
    void anExpiredTokenListsThatProjectAgainAndDropsWhatIsGone() {
        AsanaSync sync = sync("local");
        sync.run(List.of(), ENTITIES, false, line -> { });
        String project = sim.fixtures().projectGid();
        List<String> tasks = taskGids(project);
        ok(asana.execute("tasks", "delete", Map.of("task_gid", tasks.get(0))));
        ok(asana.execute("tasks", "update", Map.of("task_gid", tasks.get(1), "data", Map.of("name", "changed"))));
        sim.control().expireSyncTokens();

        List<String> lines = new ArrayList<>();
        AsanaSync.Report r = sync.run(List.of(), ENTITIES, false, lines::add);
        assertThat(r.projectsListed()).isEqualTo((int) store.count("local", "projects"));
        assertThat(lines).anyMatch(l -> l.contains("sync token expired"));
        assertThat(store.search("local", "tasks", gid(tasks.get(0))).data()).isEmpty();
        assertSameAsAFreshSync("local");
        // and the fresh tokens work: the next pass is incremental again
        assertThat(sync.run(List.of(), ENTITIES, false, line -> { }).projectsListed()).isZero();
    }

    @Test
    void aProjectDeletedInAsanaTakesItsSectionsAndOnlyTasksAlong() {
        AsanaSync sync = sync("local");
        sync.run(List.of(), ENTITIES, false, line -> { });
        String project = sim.fixtures().projectGid();
        long sections = store.count("local", "sections");
        ok(asana.execute("projects", "delete", Map.of("project_gid", project)));

        AsanaSync.Report r = sync.run(List.of(), ENTITIES, false, line -> { });
        assertThat(r.removed().get("projects")).isEqualTo(1);
        assertThat(store.count("local", "sections")).isLessThan(sections);
        assertThat(store.syncTokenResources("local")).doesNotContain(project);
        assertSameAsAFreshSync("local");
    }

    @Test
    void aPassStoppedMidwayIsResumedWithoutDuplicatesAndWithoutListingFinishedProjectsAgain() {
        // the connector fails for good after 30 requests, in the middle of the projects' task listings
        AtomicInteger calls = new AtomicInteger();
        Executor dies = new Executor() {
            @Override
            public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
                return calls.incrementAndGet() > 30 ? asana.execute("no_such_entity", "list", Map.of())
                        : asana.execute(entity, action, params);
            }

            @Override
            public ExecutionResult execute(String entity, String action, JsonNode params) {
                return asana.execute(entity, action, params);
            }
        };
        assertThatThrownBy(() -> new AsanaSync(dies, store, "local", Clock.systemUTC())
                .run(List.of(), ENTITIES, false, line -> { }))
                .isInstanceOf(AsanaSync.SyncException.class)
                .hasMessageContaining("what was written is kept, and the next sync resumes");
        int finished = store.syncTokenResources("local").size();
        assertThat(finished).isPositive();
        assertThat(store.count("local", "tasks")).isPositive();

        AsanaSync.Report resumed = sync("local").run(List.of(), ENTITIES, false, line -> { });
        assertThat(resumed.projectsIncremental()).isEqualTo(finished);
        assertThat(resumed.projectsListed()).isEqualTo(store.count("local", "projects") - finished);
        assertSameAsAFreshSync("local");
    }

    @Test
    void rateLimitedAnswersAreWaitedOutAndThePassCompletes() {
        sim.control().failNext(3, 429);
        sync("local").run(List.of(), ENTITIES, false, line -> { });
        assertThat(sim.stats().rateLimited()).isGreaterThanOrEqualTo(3);
        assertSameAsAFreshSync("local");
    }

    @Test
    void fullDropsTheTokensListsEverythingAndRemovesWhatItDidNotSee() {
        AsanaSync sync = sync("local");
        sync.run(List.of(), ENTITIES, false, line -> { });
        // a record the store holds but Asana never had, as a crash between two writes could leave in another store
        store.upsert("local", "tasks", JSON.createObjectNode().put("gid", "999999999").put("name", "ghost"), 1);
        AsanaSync.Report r = sync.run(List.of(), ENTITIES, true, line -> { });
        assertThat(r.projectsListed()).isEqualTo((int) store.count("local", "projects"));
        assertThat(r.removed().get("tasks")).isEqualTo(1);
        assertSameAsAFreshSync("local");
    }

    @Test
    void unknownEntitiesAreRefusedWithTheList() {
        assertThatThrownBy(() -> sync("local").run(List.of(), Set.of("tasks", "taks"), false, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown entity 'taks': a sync writes workspaces, users, teams, projects, tags, sections, "
                        + "tasks, attachments");
    }

    @Test
    void aLocalConnectorAnswersTheStoreActionsFromItsStore() throws Exception {
        new AsanaSync(asana, store, "java", Clock.systemUTC()).run(List.of(), Set.of("tasks", "projects"), false,
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

    /** The scope holds exactly what a full sync of Asana as it is now writes into a fresh scope. */
    private void assertSameAsAFreshSync(String scope) {
        String fresh = "oracle-" + (++oracles);
        sync(fresh).run(List.of(), ENTITIES, true, line -> { });
        for (String entity : ENTITIES) {
            Map<String, JsonNode> mine = snapshot(scope, entity);
            Map<String, JsonNode> expected = snapshot(fresh, entity);
            assertThat(mine.keySet()).as("%s held", entity).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
                assertThat(mine.get(e.getKey())).as("%s %s", entity, e.getKey()).isEqualTo(e.getValue());
            }
        }
        store.deleteScope(fresh);
    }

    private Map<String, JsonNode> snapshot(String scope, String entity) {
        Map<String, JsonNode> out = new TreeMap<>();
        String cursor = null;
        do {
            var params = JSON.createObjectNode();
            params.putObject("query");
            params.put("limit", 1000);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            SearchResult page = store.search(scope, entity, SearchRequest.parse(params));
            page.data().forEach(d -> out.put(d.path("gid").asText(), d));
            cursor = page.hasMore() ? page.cursor() : null;
        } while (cursor != null);
        return out;
    }

    private List<String> taskGids(String project) {
        List<String> out = new ArrayList<>();
        ok(asana.execute("project_tasks", "list", Map.of("project_gid", project, "limit", 100)))
                .forEach(t -> out.add(t.path("gid").asText()));
        return out;
    }

    private static SearchRequest gid(String gid) {
        var params = JSON.createObjectNode();
        params.putObject("query").putObject("filter").putObject("eq").put("gid", gid);
        return SearchRequest.parse(params);
    }

    private static JsonNode ok(ExecutionResult r) {
        assertThat(r.success()).as(r.toString()).isTrue();
        return r.data();
    }
}
