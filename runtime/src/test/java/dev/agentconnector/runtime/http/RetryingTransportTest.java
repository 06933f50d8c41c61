package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.TransportException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingTransportTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final ScriptedTransport server = new ScriptedTransport();
    private final RetryingTransport retrying = new RetryingTransport(server, RetryPolicy.DEFAULT, sleeps::add, () -> 1.0);

    private static ApiRequest request(String method) {
        return new ApiRequest("tasks.x", method, URI.create("http://h/api/tasks"), Map.of(), null, false);
    }

    @Test
    void rateLimitWaitsRetryAfterForAnyMethod() {
        server.then(429, Map.of("Retry-After", List.of("7")), "{}").then(201);
        assertThat(retrying.send(request("POST")).status()).isEqualTo(201);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.sent()).hasSize(2);
    }

    @Test
    void retryAfterLongerThanCapFailsAtOnce() {
        server.then(429, Map.of("Retry-After", List.of("3600")), "{}");
        assertThat(retrying.send(request("GET")).status()).isEqualTo(429);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorsRetryIdempotentMethodsWithGrowingBackoff() {
        server.then(503).then(502).then(500).then(200);
        assertThat(retrying.send(request("GET")).status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    @Test
    void serverErrorOnPostIsNotRetried() {
        server.then(503);
        assertThat(retrying.send(request("POST")).status()).isEqualTo(503);
        assertThat(server.sent()).hasSize(1);
    }

    @Test
    void gaveUpAfterMaxRetries() {
        server.then(500).then(500).then(500).then(500);
        assertThat(retrying.send(request("PUT")).status()).isEqualTo(500);
        assertThat(server.sent()).hasSize(4);
    }

    @Test
    void postRetriedOnlyWhenItNeverLeft() {
        server.thenFail(false).then(201);
        assertThat(retrying.send(request("POST")).status()).isEqualTo(201);

        ScriptedTransport ambiguous = new ScriptedTransport().thenFail(true);
        RetryingTransport r = new RetryingTransport(ambiguous, RetryPolicy.DEFAULT, sleeps::add, () -> 1.0);
        assertThatThrownBy(() -> r.send(request("POST"))).isInstanceOf(TransportException.class);
        assertThat(ambiguous.sent()).hasSize(1);
    }

    @Test
    void ambiguousFailureOfGetIsRetried() {
        server.thenFail(true).then(200);
        assertThat(retrying.send(request("GET")).status()).isEqualTo(200);
    }

    @Test
    void clientErrorsAreFinal() {
        server.then(400);
        assertThat(retrying.send(request("GET")).status()).isEqualTo(400);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void jitterStaysWithinHalfToFullBackoff() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(30, 1.0)).isEqualTo(Duration.ofSeconds(10));
    }
}
