package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate and concurrency limits, latency and injected failures. */
class FaultsTest extends SimTestBase {

    @AfterEach
    void resetKnobs() {
        sim.control().reset();
    }

    private int countTasksNamed(String name) {
        int n = 0;
        for (JsonNode t : api.get("/projects/" + fx.projectGid() + "/tasks").data()) {
            if (t.get("name").asText().equals(name)) {
                n++;
            }
        }
        return n;
    }

    private String createBody(String name) {
        return SimHttp.data("{\"name\":\"" + name + "\",\"projects\":[\"" + fx.projectGid() + "\"]}");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterPerToken() {
        sim.control().setRateLimitPerMinute(5);
        long before = sim.stats().rateLimited();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/users/me").status()).isEqualTo(200);
        }
        SimHttp.Resp limited = api.get("/users/me");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.json().get("errors").get(0).get("message").asText()).isEqualTo("You've made too many "
                + "requests and hit a rate limit. Please retry after the given amount of time.");
        contract().assertComponent("ErrorResponse", limited.json());
        assertThat(api.get("/users/me").status()).isEqualTo(429);
        assertThat(sim.stats().rateLimited() - before).isEqualTo(2);
        assertThat(api.withToken(sim.issueAccessToken()).get("/users/me").status()).as("other token").isEqualTo(200);
        sim.control().setRetryAfterSeconds(7);
        assertThat(api.get("/users/me").header("Retry-After")).isEqualTo("7");
        sim.control().setRateLimitPerMinute(0);
        assertThat(api.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void concurrencyLimitRejectsExcessInFlightRequests() throws Exception {
        sim.control().setConcurrencyLimits(2, 1).setLatency(Duration.ofMillis(600));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<SimHttp.Resp>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> api.get("/users/me")));
            }
            int ok = 0;
            int limited = 0;
            for (Future<SimHttp.Resp> f : answers) {
                SimHttp.Resp r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(r.header("Retry-After")).isEqualTo("1");
                    limited++;
                }
            }
            assertThat(ok).isBetween(2, 5);
            assertThat(limited).isPositive();
            assertThat(sim.stats().maxConcurrentReads()).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failNextAnswersWithoutProcessing() {
        sim.control().failNext(2, 503);
        SimHttp.Resp first = api.post("/tasks", createBody("never-created"));
        assertThat(first.status()).isEqualTo(503);
        contract().assertComponent("ErrorResponse", first.json());
        assertThat(api.get("/users/me").status()).isEqualTo(503);
        assertThat(api.get("/users/me").status()).isEqualTo(200);
        assertThat(countTasksNamed("never-created")).isZero();
        sim.control().failNext(1, 429);
        SimHttp.Resp limited = api.get("/users/me");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void dropAfterProcessingAppliesTheWriteButSendsNothing() {
        sim.control().dropNextAfterProcessing(1);
        assertThatThrownBy(() -> api.post("/tasks", createBody("ambiguous-write")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(countTasksNamed("ambiguous-write")).isEqualTo(1);
        assertThat(sim.stats().requests("POST", "/tasks")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void dropBeforeProcessingLosesTheRequest() {
        sim.control().dropNextBeforeProcessing(1);
        assertThatThrownBy(() -> api.post("/tasks", createBody("lost-write")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(countTasksNamed("lost-write")).isZero();
        assertThat(api.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void randomFailuresFollowTheConfiguredRates() {
        sim.control().setServerErrorRate(1.0);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/users/me").status()).isIn(500, 502, 503);
        }
        sim.control().setServerErrorRate(0);
        sim.control().setDropRate(1.0);
        assertThatThrownBy(() -> api.post("/tasks", createBody("dropped"))).isInstanceOf(UncheckedIOException.class);
        sim.control().setDropRate(0);
        assertThat(api.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void latencyIsAdded() {
        sim.control().setLatency(Duration.ofMillis(150));
        long start = System.nanoTime();
        assertThat(api.get("/users/me").status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void statsCountRequestsByMethodAndPath() {
        sim.stats().reset();
        api.get("/users/me");
        api.get("/tasks/" + fx.taskGid());
        api.get("/tasks/" + fx.taskGid() + "/subtasks");
        api.post("/tasks/" + fx.taskGid() + "/stories", SimHttp.data("{\"text\":\"hi\"}"));
        assertThat(sim.stats().apiRequests()).isEqualTo(4);
        assertThat(sim.stats().requests("GET", "/tasks")).isEqualTo(2);
        assertThat(sim.stats().requests("POST", "/tasks")).isEqualTo(1);
        assertThat(sim.stats().requests("GET", "/users/me")).isEqualTo(1);
        assertThat(sim.stats().userAgents()).containsExactly("asana-sim-tests/1.0");
        assertThat(sim.stats().tokenRequests()).isZero();
    }
}
