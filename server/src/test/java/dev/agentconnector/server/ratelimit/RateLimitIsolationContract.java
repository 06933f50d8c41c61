package dev.agentconnector.server.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.http.RetryPolicy;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One tenant's connector, limited to 60 requests a minute, is hammered by 64 threads (each retrying 50 ms after a
 * 429, up to about 1,300 attempts a second in all) through every service instance
 * on one database while another tenant works and {@code /health} is polled: the others stay fast, the hammered
 * connector's surplus answers 429 within the bounded wait, and all instances together start no more Asana requests
 * for it than its limit. Real HTTP on loopback, with the simulator standing in for Asana.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RateLimitIsolationContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTORS = "/api/v1/integrations/connectors";
    private static final int PER_MINUTE = 60;
    private static final int HAMMERS = 64;
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final Duration HAMMER_TIME = Duration.ofSeconds(8);
    /**
     * How long a hammering thread pauses after a 429 before trying again (it ignores the Retry-After of seconds).
     * The load runs on the same cores as the services and the simulator; with no pause at all its 64 threads take
     * the CPU themselves, and what is measured is the machine's share-out rather than the service's isolation.
     */
    private static final long HAMMER_PAUSE_MILLIS = 50;
    /**
     * The other tenant's p99 must stay below half the busy connector's bounded wait: a request queued behind that
     * connector's limiter would take the whole wait (2 s), so this tells isolation from queueing whatever the
     * machine's speed or load. The p99 itself is printed; on an idle machine it is some tens of milliseconds.
     */
    private static final long P99_LIMIT_MILLIS = WAIT.toMillis() / 2;
    private static final Logger ACCESS_LOG = Logger.getLogger("dev.agentconnector.server.access");

    private TestDatabase database;
    private AsanaSimulator sim;
    private final List<AsanaAgentServer> servers = new ArrayList<>();
    /** The load: its own client, so that its answers do not queue ahead of the measured ones in the client. */
    private final HttpClient hammerClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The measured requests. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    abstract TestDatabase database() throws Exception;

    /** Service instances started on the database. */
    abstract int instances();

    @BeforeAll
    void start() throws Exception {
        // Thousands of access-log lines a second would go through the test runner's captured stderr into the build
        // process, which competes for the same two cores; what is measured here is the limiter's isolation.
        ACCESS_LOG.setLevel(Level.WARNING);
        database = database();
        if (database.skipReason() != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + database.skipReason());
            return;
        }
        sim = AsanaSimulator.builder().seed(42).build().start();
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        for (int i = 0; i < instances(); i++) {
            servers.add(AsanaAgentServer.start(config(key).build()));
        }
    }

    private ServerConfig.Builder config(byte[] key) {
        return ServerConfig.builder().port(0).dbUrl(database.jdbcUrl()).masterKey(key)
                .asanaBaseUrl(sim.baseUrl()).asanaTokenUrl(sim.tokenUrl()).asanaAuthorizeUrl(sim.authorizeUrl())
                .asanaRetryPolicy(new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(20),
                        Duration.ofSeconds(1)))
                .rateLimitWait(WAIT).dbPoolSize(8);
    }

    @AfterAll
    void stop() throws Exception {
        ACCESS_LOG.setLevel(null);
        servers.forEach(AsanaAgentServer::close);
        if (sim != null) {
            sim.close();
        }
        if (database != null) {
            database.close();
        }
    }

    record Outcome(int status, long millis, String retryAfter, String body) {
    }

    /** What one run of the load saw. */
    record Run(List<Outcome> hammered, List<Outcome> otherTenant, List<Outcome> health) {
    }

    @Test
    void aSaturatedConnectorAnswers429FastAndLeavesOtherTenantsAlone() throws Exception {
        Assumptions.assumeTrue(database.skipReason() == null, () -> database.skipReason());
        String busyToken = applicationToken();
        String otherToken = applicationToken();
        String otherExecute = connector(otherToken, "other", sim.personalAccessToken());
        String taskGet = obj("entity", "tasks", "action", "get", "params",
                obj("task_gid", sim.fixtures().taskGid())).toString();
        String userGet = obj("entity", "users", "action", "get", "params", obj("user_gid", "me")).toString();
        for (AsanaAgentServer s : servers) { // executors built, connections open
            assertThat(send(s, "POST", otherExecute, otherToken, userGet).status()).isEqualTo(200);
            assertThat(send(s, "GET", "/health", null, null).status()).isEqualTo(200);
        }
        // The same load on another connector first, so that what is measured is a warm service rather than the
        // compilation of its code (on two cores, the compiler threads alone would take the p99 past the limit).
        String warmUp = connector(busyToken, "warm-up", sim.issueAccessToken());
        run(warmUp, busyToken, taskGet, otherExecute, otherToken, userGet, Duration.ofSeconds(3));

        // the hammered connector has an Asana token of its own, so that the simulator counts its requests apart
        String busyExecute = connector(busyToken, "busy", sim.issueAccessToken());
        long tasksBefore = sim.stats().requests("GET", "/tasks/");
        Run run = run(busyExecute, busyToken, taskGet, otherExecute, otherToken, userGet, HAMMER_TIME);
        List<Outcome> hammered = run.hammered();
        List<Outcome> otherTenant = run.otherTenant();
        List<Outcome> health = run.health();

        long asanaCalls = sim.stats().requests("GET", "/tasks/") - tasksBefore;
        long ok = hammered.stream().filter(o -> o.status() == 200).count();
        long limited = hammered.stream().filter(o -> o.status() == 429).count();
        long slowest = hammered.stream().mapToLong(Outcome::millis).max().orElse(0);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        hammered.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        System.err.printf("%s: %d instance(s); hammered connector: %d requests %s, %d reached Asana, slowest %d ms; "
                        + "other tenant: %d executes, p50 %d ms, p99 %d ms, max %d ms; /health: %d, p50 %d ms, "
                        + "p99 %d ms, max %d ms%n", getClass().getSimpleName(), servers.size(), hammered.size(),
                statuses, asanaCalls, slowest, otherTenant.size(), percentile(otherTenant, 50),
                percentile(otherTenant, 99), percentile(otherTenant, 100), health.size(), percentile(health, 50),
                percentile(health, 99), percentile(health, 100));

        // the limit holds across every instance: no more Asana requests than 60 (the run is shorter than a minute)
        assertThat(asanaCalls).isLessThanOrEqualTo(PER_MINUTE);
        assertThat(ok).isEqualTo(asanaCalls).isGreaterThanOrEqualTo(PER_MINUTE - 5);
        assertThat(ok + limited).as("statuses %s", statuses).isEqualTo(hammered.size());
        assertThat(limited).isGreaterThan(HAMMERS);
        assertThat(slowest).as("every hammered request ends within the bounded wait and a margin")
                .isLessThan(WAIT.toMillis() + 1_500);
        for (Outcome o : hammered) {
            if (o.status() != 429) {
                continue;
            }
            assertThat(o.retryAfter()).as("Retry-After of %s", o.body()).isNotNull();
            assertThat(Long.parseLong(o.retryAfter())).isBetween(1L, 61L);
            JsonNode body = JSON.readTree(o.body());
            JsonNode error = body.path("errors").path(0);
            assertThat(body.path("message").asText()).contains("not sent");
            assertThat(body.path("errors").size()).isEqualTo(1);
            assertThat(error.path("error_code").asText()).isEqualTo("rate_limited");
            assertThat(error.has("field") && error.path("message").isTextual()).as(o.body()).isTrue();
            assertThat(error.path("details").path("not_sent").asBoolean()).isTrue();
            assertThat(error.path("details").path("retry_after_seconds").asText()).isEqualTo(o.retryAfter());
        }

        assertThat(otherTenant).allSatisfy(o -> assertThat(o.status()).as(o.body()).isEqualTo(200));
        assertThat(health).allSatisfy(o -> assertThat(o.status()).as(o.body()).isEqualTo(200));
        assertThat(otherTenant.size()).isGreaterThan(20);
        assertThat(health.size()).isGreaterThan(20);
        assertThat(percentile(otherTenant, 99)).as("p99 of the other tenant's executes, ms")
                .isLessThan(P99_LIMIT_MILLIS);
        assertThat(percentile(health, 99)).as("p99 of /health, ms").isLessThan(P99_LIMIT_MILLIS);
    }

    /** A connector of the tenant with this Asana token, limited to 60 requests a minute; its execute path. */
    private String connector(String tenantToken, String workspace, String asanaToken) throws IOException {
        ObjectNode body = obj("workspace_name", workspace, "connector_type", "Asana", "credentials",
                obj("token", asanaToken));
        if (!workspace.equals("other")) {
            body.set("rate_limits", obj("requests_per_minute", PER_MINUTE, "max_concurrent_reads", 4));
        }
        return CONNECTORS + "/" + post(servers.get(0), CONNECTORS, tenantToken, body).get("id").asText() + "/execute";
    }

    /**
     * 64 threads executing {@code tasks.get} on {@code busyExecute} (spread over the instances) while one thread
     * executes {@code users.get} on the other tenant's connector and one polls {@code /health}, both every 10 ms.
     */
    private Run run(String busyExecute, String busyToken, String taskGet, String otherExecute, String otherToken,
                    String userGet, Duration length) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Outcome> hammered = Collections.synchronizedList(new ArrayList<>());
        List<Outcome> otherTenant = Collections.synchronizedList(new ArrayList<>());
        List<Outcome> health = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(HAMMERS + 2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < HAMMERS; t++) {
            AsanaAgentServer s = servers.get(t % servers.size());
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    Outcome o = send(hammerClient, s, "POST", busyExecute, busyToken, taskGet);
                    hammered.add(o);
                    if (o.status() == 429) {
                        Thread.sleep(HAMMER_PAUSE_MILLIS);
                    }
                }
                return null;
            }));
        }
        AtomicInteger turn = new AtomicInteger();
        running.add(pool.submit(() -> {
            while (!stop.get()) {
                AsanaAgentServer s = servers.get(turn.getAndIncrement() % servers.size());
                otherTenant.add(send(s, "POST", otherExecute, otherToken, userGet));
                Thread.sleep(10);
            }
            return null;
        }));
        running.add(pool.submit(() -> {
            while (!stop.get()) {
                AsanaAgentServer s = servers.get(turn.getAndIncrement() % servers.size());
                health.add(send(s, "GET", "/health", null, null));
                Thread.sleep(10);
            }
            return null;
        }));
        Thread.sleep(length.toMillis());
        stop.set(true);
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new Run(hammered, otherTenant, health);
    }

    private static long percentile(List<Outcome> outcomes, int p) {
        List<Long> sorted;
        synchronized (outcomes) {
            sorted = outcomes.stream().map(Outcome::millis).sorted().toList();
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private String applicationToken() throws Exception {
        ServerConfig cfg = config(new byte[32]).build();
        String org = "org-" + UUID.randomUUID();
        JsonNode app;
        try (Admin admin = Admin.open(cfg)) {
            admin.createOrganization(org);
            app = admin.createApplication(org, "isolation");
        }
        return post(servers.get(0), "/api/v1/account/applications/token", null, obj("client_id",
                app.get("client_id").asText(), "client_secret", app.get("client_secret").asText()))
                .get("access_token").asText();
    }

    private JsonNode post(AsanaAgentServer s, String path, String token, ObjectNode body) throws IOException {
        Outcome o = send(s, "POST", path, token, body.toString());
        assertThat(o.status()).as(o.body()).isBetween(200, 201);
        return JSON.readTree(o.body());
    }

    private Outcome send(AsanaAgentServer s, String method, String path, String token, String body) {
        return send(http, s, method, path, token, body);
    }

    private static Outcome send(HttpClient client, AsanaAgentServer s, String method, String path, String token,
                                String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode(), (System.nanoTime() - start) / 1_000_000,
                    r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode obj(Object... kv) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return o;
    }
}
