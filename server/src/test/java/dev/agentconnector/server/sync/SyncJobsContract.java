package dev.agentconnector.server.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;
import dev.agentconnector.server.ratelimit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Context-store syncs on the service, coordinated through the database: requests run once per connector however many
 * instances there are, the instances share the work, a job an instance left behind (its lease lapsed) is taken over,
 * the schedule re-syncs, and deleting a connector takes its records and its job along.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SyncJobsContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTORS = "/api/v1/integrations/connectors";
    private static final Pattern SUCCEEDED = Pattern.compile(
            "asana_agent_context_store_syncs_total\\{outcome=\"succeeded\"} ([0-9.]+)");

    private TestDatabase database;
    private AsanaSimulator sim;
    private final List<AsanaAgentServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private byte[] key;
    private String token;

    abstract TestDatabase database() throws Exception;

    /** Service instances started on the database. */
    abstract int instances();

    @BeforeAll
    void start() throws Exception {
        database = database();
        if (database.skipReason() != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + database.skipReason());
            return;
        }
        sim = AsanaSimulator.builder().seed(42).build().start();
        key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        for (int i = 0; i < instances(); i++) {
            // one pass at a time per instance, so that a burst of requests has to be shared out
            servers.add(AsanaAgentServer.start(config().syncThreads(1).syncInterval(Duration.ZERO)
                    .syncPoll(Duration.ofMillis(100)).syncLease(Duration.ofSeconds(2)).build()));
        }
        token = applicationToken();
    }

    private ServerConfig.Builder config() {
        return ServerConfig.builder().port(0).dbUrl(database.jdbcUrl()).masterKey(key).asanaBaseUrl(sim.baseUrl())
                .asanaTokenUrl(sim.tokenUrl()).asanaAuthorizeUrl(sim.authorizeUrl()).metricsToken("metrics-token-0123456789");
    }

    @AfterAll
    void stop() throws Exception {
        servers.forEach(AsanaAgentServer::close);
        if (sim != null) {
            sim.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachRequestedConnectorIsSyncedOncePerRoundAndTheInstancesShareTheWork() throws Exception {
        Assumptions.assumeTrue(database.skipReason() == null, () -> database.skipReason());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(connector("share-" + i));
        }
        double before = succeededOnAll();
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < ids.size(); i++) {
                JsonNode status = send(servers.get(i % servers.size()), "POST", CONNECTORS + "/" + ids.get(i)
                        + "/sync", "{}");
                assertThat(status.path("status").asText()).isIn("queued", "running");
            }
            int expected = round;
            for (String id : ids) {
                JsonNode s = await(id, j -> j.path("passes").asInt() >= expected
                        && !j.path("status").asText().equals("running")
                        && !j.path("status").asText().equals("queued"));
                assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("succeeded");
                assertThat(s.path("passes").asInt()).as("passes of %s after round %d", id, round).isEqualTo(round);
                assertThat(s.path("synced_at").path("tasks").asText()).isNotBlank();
                assertThat(s.has("next_sync_at") && s.path("next_sync_at").isNull()).as("no schedule").isTrue();
            }
            if (round == 2) {
                // the second round read only the changes: no project was listed again
                JsonNode s = inspect(ids.get(0)).path("context_store");
                assertThat(s.path("changes").asLong()).isZero();
            }
        }
        double[] perInstance = new double[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            perInstance[i] = succeeded(servers.get(i));
        }
        assertThat(succeededOnAll() - before).as("passes run by all instances").isEqualTo(12.0);
        if (servers.size() > 1) {
            for (double n : perInstance) {
                assertThat(n).as("passes per instance %s", java.util.Arrays.toString(perInstance)).isPositive();
            }
        }
    }

    @Test
    void aJobLeftByAnInstanceThatDiedIsTakenOverWhenItsLeaseLapses() throws Exception {
        Assumptions.assumeTrue(database.skipReason() == null, () -> database.skipReason());
        String id = connector("orphan");
        // an instance that claimed the job and died: its lease is held by no running instance
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("INSERT INTO sync_jobs (connector_id, due_at, requested_at, "
                     + "lease_owner, lease_until, started_at) VALUES (?, ?, ?, 'gone-instance', ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, now + 1500);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
        assertThat(inspect(id).path("context_store").path("status").asText()).isEqualTo("running");
        JsonNode s = await(id, j -> j.path("passes").asInt() >= 1 && j.path("status").asText().equals("succeeded"));
        assertThat(s.path("written").path("tasks").asLong()).isPositive();
    }

    @Test
    void theScheduleResyncsAndDeletingTheConnectorTakesItsRecordsAndJobAlong() throws Exception {
        Assumptions.assumeTrue(database.skipReason() == null, () -> database.skipReason());
        // every instance on a database runs the same schedule, so this one gets a database of its own
        TestDatabase shared = database;
        List<AsanaAgentServer> sharing = new ArrayList<>(servers);
        String sharedToken = token;
        database = database();
        servers.clear();
        try (AsanaAgentServer scheduled = AsanaAgentServer.start(config().syncInterval(Duration.ofMillis(300))
                .syncPoll(Duration.ofMillis(100)).build())) {
            servers.add(scheduled);
            token = applicationToken();
            String id = connector("scheduled");
            send(scheduled, "POST", CONNECTORS + "/" + id + "/sync", "{}");
            JsonNode s = await(id, j -> j.path("passes").asInt() >= 3);
            assertThat(s.path("last_outcome").asText()).isEqualTo("succeeded");
            assertThat(s.path("next_sync_at").asText()).isNotBlank();
            JsonNode found = send(scheduled, "POST", CONNECTORS + "/" + id + "/execute", JSON.writeValueAsString(
                    JSON.createObjectNode().put("entity", "projects").put("action", "context_store_search")
                            .set("params", JSON.readTree("{\"query\":{}}"))));
            assertThat(found.path("result").size()).isPositive();

            HttpResponse<String> deleted = raw(scheduled, "DELETE", CONNECTORS + "/" + id, null);
            assertThat(deleted.statusCode()).isEqualTo(200);
            try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                 PreparedStatement jobs = c.prepareStatement("SELECT COUNT(*) FROM sync_jobs WHERE connector_id = ?");
                 PreparedStatement records = c.prepareStatement("SELECT COUNT(*) FROM cs_records WHERE scope = ?")) {
                // a pass running at the moment of the delete ends without writing a job back
                Thread.sleep(500);
                jobs.setString(1, id);
                records.setString(1, id);
                assertThat(count(jobs)).isZero();
                assertThat(count(records)).isZero();
            }
        } finally {
            database.close();
            database = shared;
            servers.clear();
            servers.addAll(sharing);
            token = sharedToken;
        }
    }

    private static long count(PreparedStatement ps) throws Exception {
        try (var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls inspect until the context store's status passes {@code done} (at most 60 s). */
    private JsonNode await(String id, Predicate<JsonNode> done) throws Exception {
        JsonNode s = null;
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            s = inspect(id).path("context_store");
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync of " + id + " did not get there: " + s);
    }

    private JsonNode inspect(String id) throws Exception {
        return JSON.readTree(raw(servers.get(0), "GET", CONNECTORS + "/" + id + "/inspect", null).body());
    }

    private String connector(String workspace) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("workspace_name", workspace + "-" + UUID.randomUUID())
                .put("connector_type", "Asana");
        body.putObject("credentials").put("token", sim.personalAccessToken());
        return send(servers.get(0), "POST", CONNECTORS, body.toString()).get("id").asText();
    }

    private String applicationToken() throws Exception {
        String org = "org-" + UUID.randomUUID();
        JsonNode app;
        try (Admin admin = Admin.open(config().build())) {
            admin.createOrganization(org);
            app = admin.createApplication(org, "sync");
        }
        HttpResponse<String> r = raw(servers.get(0), "POST", "/api/v1/account/applications/token",
                JSON.createObjectNode().put("client_id", app.get("client_id").asText())
                        .put("client_secret", app.get("client_secret").asText()).toString(), false);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private double succeededOnAll() throws Exception {
        double sum = 0;
        for (AsanaAgentServer s : servers) {
            sum += succeeded(s);
        }
        return sum;
    }

    private double succeeded(AsanaAgentServer s) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer metrics-token-0123456789").build();
        String text = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = SUCCEEDED.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private JsonNode send(AsanaAgentServer s, String method, String path, String body) throws Exception {
        HttpResponse<String> r = raw(s, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> raw(AsanaAgentServer s, String method, String path, String body) throws Exception {
        return raw(s, method, path, body, true);
    }

    private HttpResponse<String> raw(AsanaAgentServer s, String method, String path, String body, boolean auth)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
