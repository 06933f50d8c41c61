package dev.agentconnector.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaHostedAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.http.RetryPolicy;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One suite, both executors: every failure gives the same exception type, error type and message in hosted mode
 * as in local mode, so code that catches {@code NotFoundException} or {@code RateLimitException} works in both.
 */
class ErrorParityTest {
    private static Stack stack;
    private static AsanaConnector local;
    private static AsanaConnector hosted;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(ServerConfig.builder().asanaRetryPolicy(RetryPolicy.NONE));
        JsonNode created = stack.post("/api/v1/integrations/connectors", stack.appToken(),
                "{\"workspace_name\":\"parity\",\"connector_type\":\"Asana\",\"credentials\":{\"token\":\""
                        + stack.sim.personalAccessToken() + "\"}}");
        assertThat(created.get("id").asText()).isNotBlank();
        local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(stack.sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(stack.sim.baseUrl()).retryPolicy(RetryPolicy.NONE).build());
        hosted = new AsanaConnector(AsanaHostedAuthConfig.forWorkspace(stack.clientId, stack.clientSecret, "parity")
                .withApiUrl(stack.server.baseUrl()), ConnectorOptions.builder().retryPolicy(RetryPolicy.NONE).build());
        hosted.execute("users", "get", Map.of("user_gid", "me")).orThrow(); // token and connector id cached
    }

    @AfterAll
    static void stop() {
        if (hosted != null) {
            hosted.close();
        }
        if (local != null) {
            local.close();
        }
        stack.close();
    }

    record Case(String name, Consumer<Stack> fault, String entity, String action, Map<String, Object> params) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> failures() {
        Map<String, Object> me = Map.of("user_gid", "me");
        return Stream.of(
                new Case("not found", s -> { }, "tasks", "get", Map.of("task_gid", "1999999999999999")),
                new Case("Asana 400", s -> s.sim.control().failNext(1, 400), "users", "get", me),
                new Case("Asana 402", s -> s.sim.control().failNext(1, 402), "users", "get", me),
                new Case("Asana 403", s -> s.sim.control().failNext(1, 403), "users", "get", me),
                new Case("Asana 422", s -> s.sim.control().failNext(1, 422), "users", "get", me),
                new Case("rate limited", s -> s.sim.control().failNext(1, 429), "users", "get", me),
                new Case("Asana 500", s -> s.sim.control().failNext(1, 500), "users", "get", me),
                new Case("unknown param", s -> { }, "tasks", "list", Map.of("limt", 3)),
                new Case("wrong type", s -> { }, "tasks", "list", Map.of("limit", "many")),
                new Case("unknown entity", s -> { }, "taks", "list", Map.of()))
                .map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void hostedFailsLikeLocal(String name, Case c) {
        c.fault().accept(stack);
        ExecutionResult l = local.execute(c.entity(), c.action(), c.params());
        stack.sim.control().reset();
        c.fault().accept(stack);
        ExecutionResult h = hosted.execute(c.entity(), c.action(), c.params());
        stack.sim.control().reset();

        assertThat(l.success()).isFalse();
        ConnectorException le = l.exception();
        ConnectorException he = h.exception();
        assertThat(he).as("hosted, %s: %s", name, h.error()).isNotNull();
        assertThat(he.getClass()).as(name).isEqualTo(le.getClass());
        assertThat(he.errorType()).isEqualTo(le.errorType());
        assertThat(strip(he.getMessage())).isEqualTo(strip(le.getMessage()));
        if (le instanceof RateLimitException lr) {
            assertThat(((RateLimitException) he).retryAfter()).isEqualTo(lr.retryAfter());
        }
        assertThat(h.meta().get("error_type").asText()).isEqualTo(l.meta().get("error_type").asText());
        assertThat(h.meta().path("status").asInt()).isEqualTo(l.meta().path("status").asInt());
    }

    /** Messages without the request id, which differs per request. */
    private static String strip(String message) {
        return message.replaceAll(" \\(request id [^)]*\\)", "");
    }
}
