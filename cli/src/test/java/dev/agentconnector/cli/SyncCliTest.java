package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.sim.AsanaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asana-agent sync} into a data directory, then search and aggregate it with execute, as a user would. */
class SyncCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AsanaSimulator sim;
    private static Map<String, String> env;

    @BeforeAll
    static void start() {
        sim = AsanaSimulator.builder().seed(42).build().start();
        env = Map.of("ASANA_TOKEN", sim.personalAccessToken(), "ASANA_BASE_URL", sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void syncThenSearchAndAggregateTheStore() throws Exception {
        Path dir = Files.createTempDirectory("cli-store-");
        CliProcess.Result before = CliProcess.run(env, "execute", "tasks", "context_store_search", "--data-dir",
                dir.toString(), "--params", "{\"query\":{}}");
        assertThat(before.exit()).isEqualTo(2);
        assertThat(before.err()).contains("no store at").contains("asana-agent sync");

        CliProcess.Result sync = CliProcess.run(env, "sync", "--data-dir", dir.toString());
        assertThat(sync.exit()).as(sync.err()).isZero();
        JsonNode report = JSON.readTree(sync.out());
        assertThat(report.path("written").path("tasks").asLong()).isGreaterThan(10);
        assertThat(report.path("store").asText()).contains(dir.toString());
        long projects = report.path("projects_listed").asLong();
        assertThat(projects).isPositive();

        // the second run reads only the changes: one task renamed in Asana meanwhile
        String task = sim.fixtures().taskGid();
        CliProcess.Result rename = CliProcess.run(env, "execute", "tasks", "update", "--params", "{\"task_gid\":\""
                + task + "\",\"data\":{\"name\":\"Renamed between syncs\"}}");
        assertThat(rename.exit()).as(rename.err() + rename.out()).isZero();
        CliProcess.Result again = CliProcess.run(env, "sync", "--data-dir", dir.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode second = JSON.readTree(again.out());
        assertThat(second.path("projects_listed").asLong()).isZero();
        assertThat(second.path("projects_incremental").asLong()).isEqualTo(projects);
        assertThat(second.path("written").path("tasks").asLong()).isEqualTo(1);
        // one page each of workspaces, and per workspace of users, teams, tags and projects; one events request
        // per project; one get for the renamed task
        long workspaces = report.path("written").path("workspaces").asLong();
        assertThat(second.path("requests").asLong()).isEqualTo(1 + 4 * workspaces + projects + 1);
        CliProcess.Result renamed = CliProcess.run(env, "execute", "tasks", "context_store_search", "--data-dir",
                dir.toString(), "--params", "{\"query\":{\"filter\":{\"eq\":{\"gid\":\"" + task + "\"}}}}");
        assertThat(JSON.readTree(renamed.out()).path("data").get(0).path("name").asText())
                .isEqualTo("Renamed between syncs");
        CliProcess.Result full = CliProcess.run(env, "sync", "--data-dir", dir.toString(), "--full");
        assertThat(JSON.readTree(full.out()).path("projects_listed").asLong()).isEqualTo(projects);

        CliProcess.Result search = CliProcess.run(env, "execute", "tasks", "context_store_search", "--data-dir",
                dir.toString(), "--params", "{\"query\":{\"filter\":{\"eq\":{\"completed\":false}},\"sort\":[{\"name\":"
                        + "\"asc\"}]},\"limit\":3,\"fields\":[\"name\",\"completed\"]}");
        assertThat(search.exit()).as(search.err()).isZero();
        JsonNode found = JSON.readTree(search.out());
        assertThat(found.path("success").asBoolean()).isTrue();
        assertThat(found.path("data")).hasSize(3);
        assertThat(found.path("data").get(0).path("completed").asBoolean()).isFalse();
        assertThat(found.path("meta").path("has_more").asBoolean()).isTrue();
        assertThat(found.path("meta").path("synced_at").asText()).isNotBlank();

        CliProcess.Result counts = CliProcess.run(env, "execute", "tasks", "context_store_aggregate", "--data-dir",
                dir.toString(), "--params", "{\"group_by\":[\"completed\"],\"metrics\":[{\"count\":\"*\"}]}");
        assertThat(counts.exit()).as(counts.err()).isZero();
        assertThat(JSON.readTree(counts.out()).path("data")).hasSize(2);

        CliProcess.Result bad = CliProcess.run(env, "execute", "tasks", "context_store_search", "--data-dir",
                dir.toString(), "--params", "{\"query\":{\"filter\":{\"equals\":{\"name\":\"x\"}}}}");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("did you mean 'eq'").doesNotContain("\tat ");

        CliProcess.Result notSynced = CliProcess.run(env, "execute", "attachments", "context_store_search",
                "--data-dir", dir.toString(), "--params", "{\"query\":{}}");
        assertThat(notSynced.exit()).isEqualTo(2);
        assertThat(notSynced.err()).contains("no attachments have been synced");
    }

    @Test
    void aSyncKilledMidwayIsResumedByTheNextRunWithNothingLostOrDoubled() throws Exception {
        try (AsanaSimulator slow = AsanaSimulator.builder().seed(42).build().start()) {
            slow.control().setLatency(java.time.Duration.ofMillis(40));
            Map<String, String> slowEnv = Map.of("ASANA_TOKEN", slow.personalAccessToken(), "ASANA_BASE_URL",
                    slow.baseUrl());
            Path dir = Files.createTempDirectory("cli-killed-");
            Process p = CliProcess.builder(slowEnv, "sync", "--data-dir", dir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String url = "jdbc:sqlite:" + dir.resolve("asana-agent.db");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (tokens(url) < 2 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("the sync was still running when killed").isTrue();
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            p.waitFor();
            long finished = tokens(url);
            assertThat(finished).isPositive();

            slow.control().setLatency(java.time.Duration.ZERO);
            CliProcess.Result resumed = CliProcess.run(slowEnv, "sync", "--data-dir", dir.toString());
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            JsonNode report = JSON.readTree(resumed.out());
            assertThat(report.path("projects_incremental").asLong()).as("projects finished before the kill")
                    .isGreaterThanOrEqualTo(finished);
            assertThat(report.path("projects_listed").asLong()).isPositive();

            Path fresh = Files.createTempDirectory("cli-fresh-");
            assertThat(CliProcess.run(slowEnv, "sync", "--data-dir", fresh.toString()).exit()).isZero();
            assertThat(records(url)).isEqualTo(records("jdbc:sqlite:" + fresh.resolve("asana-agent.db")));
        }
    }

    private static long tokens(String url) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM cs_sync_tokens")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException notYet) {
            return 0; // the store is not created yet
        }
    }

    /** Every record of the store: entity, gid and document, in order. */
    private static java.util.List<String> records(String url) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT entity, gid, doc FROM cs_records ORDER BY entity, gid")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }
}
