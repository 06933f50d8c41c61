package dev.agentconnector.asana;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ServerException;
import dev.agentconnector.runtime.error.TransportException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.http.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries under injected 429s, 5xx and dropped connections, and never a duplicated write. */
class RetryTest {
    private AsanaSimulator sim;
    private AsanaConnector asana;

    @BeforeEach
    void start() {
        sim = Sim.start();
        asana = Sim.pat(sim);
    }

    @AfterEach
    void stop() {
        asana.close();
        sim.close();
    }

    private int tasksNamed(String name) {
        ExecutionResult r = asana.execute("project_tasks", "list", Map.of("project_gid", sim.fixtures().projectGid(),
                "fetch_all", true, "fields", "name"));
        int n = 0;
        for (var t : r.orThrow()) {
            if (name.equals(t.path("name").asText())) {
                n++;
            }
        }
        return n;
    }

    private ExecutionResult create(String name) {
        return asana.execute("tasks", "create", Map.of("data", Map.of("name", name, "workspace", sim.workspaceGid(),
                "projects", List.of(sim.fixtures().projectGid()))));
    }

    @Test
    void readsAreRetriedAfterServerErrors() {
        sim.control().failNext(2, 503);
        long before = sim.stats().requests("GET", "/tasks");
        assertThat(asana.execute("tasks", "get", Map.of("task_gid", sim.fixtures().taskGid())).success()).isTrue();
        assertThat(sim.stats().requests("GET", "/tasks") - before).isEqualTo(3);
    }

    @Test
    void aCreateIsNotRepeatedAfterA500() {
        sim.control().failNext(1, 500);
        ExecutionResult r = create("once-500");
        assertThat(r.exception()).isInstanceOf(ServerException.class);
        assertThat(sim.stats().requests("POST", "/tasks")).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNeverSentTwice() {
        sim.control().dropNextAfterProcessing(1);
        ExecutionResult r = create("exactly-once");
        assertThat(r.success()).isFalse();
        assertThat(r.exception()).isInstanceOf(TransportException.class);
        assertThat(((TransportException) r.exception()).mayHaveReachedServer()).isTrue();
        assertThat(r.error()).contains("may or may not have been applied");
        assertThat(sim.stats().requests("POST", "/tasks")).isEqualTo(1);
        assertThat(tasksNamed("exactly-once")).isEqualTo(1);
    }

    @Test
    void aReadWhoseConnectionDropsIsRetried() {
        sim.control().dropNextBeforeProcessing(1);
        assertThat(asana.execute("tasks", "get", Map.of("task_gid", sim.fixtures().taskGid())).success()).isTrue();
    }

    @Test
    void aCreateRefusedWith429IsRetriedAndAppliedOnce() {
        sim.control().failNext(2, 429);
        ExecutionResult r = create("after-429");
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(tasksNamed("after-429")).isEqualTo(1);
    }

    @Test
    void rateLimitedCallsWaitRetryAfterThenSucceed() {
        sim.control().setRateLimitPerMinute(5);
        sim.control().setRetryAfterSeconds(1);
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        try (AsanaConnector waiting = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                sim.personalAccessToken()), Sim.options(sim).rateLimits(RateLimits.UNLIMITED)
                .sleeper(d -> {
                    waits.add(d);
                    sim.control().setRateLimitPerMinute(0); // the window "passes" while we wait
                }).build())) {
            for (int i = 0; i < 6; i++) {
                assertThat(waiting.execute("users", "get", Map.of("user_gid", "me")).success()).isTrue();
            }
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(sim.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void burstsOfWritesQueueUnderAsanasConcurrencyLimitInsteadOfDrawing429s() {
        sim.control().setLatency(Duration.ofMillis(20));
        List<CompletableFuture<ExecutionResult>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(asana.executeAsync("tasks", "create", Map.of("data", Map.of("name", "burst-" + i,
                    "workspace", sim.workspaceGid()))));
        }
        calls.forEach(c -> assertThat(c.join().success()).isTrue());
        assertThat(sim.stats().rateLimited()).isZero();
        assertThat(sim.stats().maxConcurrentWrites()).isLessThanOrEqualTo(15);
    }

    @Test
    void aPostToAClosedPortIsRetriedBecauseItNeverLeft() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Duration> waits = new ArrayList<>();
        ConnectorOptions options = ConnectorOptions.builder().baseUrl("http://127.0.0.1:" + port + "/api/1.0")
                .retryPolicy(Sim.FAST_RETRIES).sleeper(waits::add).build();
        try (AsanaConnector dead = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("t"), options)) {
            ExecutionResult r = dead.execute("tasks", "create", Map.of("data", Map.of("name", "x", "workspace", "1")));
            assertThat(r.exception()).isInstanceOf(TransportException.class);
            assertThat(((TransportException) r.exception()).mayHaveReachedServer()).isFalse();
            assertThat(r.error()).contains("could not connect to 127.0.0.1:" + port);
        }
        assertThat(waits).hasSize(Sim.FAST_RETRIES.maxRetries());
    }

    @Test
    void userAgentNamesTheLibrary() {
        asana.execute("users", "get", Map.of("user_gid", "me"));
        assertThat(sim.stats().userAgents()).anySatisfy(ua -> assertThat(ua).startsWith("asana-agent-java/"));
    }
}
