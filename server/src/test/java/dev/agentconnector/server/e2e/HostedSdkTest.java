package dev.agentconnector.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaHostedAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK's hosted mode against our own execution service gives the same envelopes as local mode. */
class HostedSdkTest {
    private static Stack stack;
    private static String connectorId;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(ServerConfig.builder().applicationTokenTtl(Duration.ofSeconds(2)));
        JsonNode created = stack.post("/api/v1/integrations/connectors", stack.appToken(),
                "{\"workspace_name\":\"acme\",\"connector_type\":\"Asana\",\"name\":\"Acme Asana\","
                        + "\"credentials\":{\"token\":\"" + stack.sim.personalAccessToken() + "\"}}");
        connectorId = created.get("id").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static AsanaConnector hosted(AsanaHostedAuthConfig auth, ConnectorOptions options) {
        return new AsanaConnector(auth.withApiUrl(stack.server.baseUrl()), options);
    }

    @Test
    void sameEnvelopeAsLocalMode() {
        Map<String, Object> params = Map.of("task_gid", stack.sim.fixtures().taskGid());
        try (AsanaConnector remote = hosted(AsanaHostedAuthConfig.forWorkspace(stack.clientId, stack.clientSecret,
                "acme"), ConnectorOptions.defaults());
             AsanaConnector local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                     stack.sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(stack.sim.baseUrl()).build())) {
            ExecutionResult r = remote.execute("tasks", "get", params);
            ExecutionResult l = local.execute("tasks", "get", params);
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.data()).isEqualTo(l.data());

            ExecutionResult page = remote.execute("project_tasks", "list",
                    Map.of("project_gid", stack.sim.fixtures().projectGid(), "limit", 3));
            assertThat(page.data()).hasSize(3);
            assertThat(page.nextOffset()).isPresent();

            ExecutionResult missing = remote.execute("tasks", "get", Map.of("task_gid", "1999999999999999"));
            assertThat(missing.success()).isFalse();
            assertThat(missing.meta().get("error_type").asText()).isEqualTo("not_found");
            assertThat(missing.meta().get("status").asInt()).isEqualTo(404);
            assertThat(missing.meta().get("request_id").asText()).isNotBlank();
            assertThat(missing.error()).contains("404");

            ExecutionResult invalid = remote.execute("tasks", "list", Map.of("limt", 3));
            assertThat(invalid.exception()).isInstanceOf(ValidationException.class);
            assertThat(invalid.error()).contains("did you mean 'limit'");
        }
    }

    @Test
    void theStoreActionsGoToTheServiceWhichAnswersFromTheConnectorsSyncedRecords() throws Exception {
        ConnectorOptions withStore = ConnectorOptions.builder().localActions(StoreLocalActions.onTheService()).build();
        try (AsanaConnector remote = hosted(AsanaHostedAuthConfig.forConnector(stack.clientId, stack.clientSecret,
                connectorId), withStore)) {
            assertThat(remote.toolDescription()).contains("context_store_search");
            ExecutionResult before = remote.execute("tasks", "context_store_search", Map.of("query", Map.of()));
            assertThat(before.success()).isFalse();
            assertThat(before.error()).contains("no tasks have been synced");

            stack.post("/api/v1/integrations/connectors/" + connectorId + "/sync", stack.appToken(), "{}");
            JsonNode status = null;
            for (int i = 0; i < 600; i++) {
                status = stack.send("GET", "/api/v1/integrations/connectors/" + connectorId + "/inspect",
                        stack.appToken(), null).body().path("context_store");
                if (status.path("status").asText().equals("succeeded")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(status.path("status").asText()).as(String.valueOf(status)).isEqualTo("succeeded");

            ExecutionResult found = remote.execute("tasks", "context_store_search", Map.of("query",
                    Map.of("filter", Map.of("eq", Map.of("completed", false))), "limit", 2, "fields", List.of("name")));
            assertThat(found.success()).as(String.valueOf(found.error())).isTrue();
            assertThat(found.data()).hasSize(2);
            assertThat(found.meta().path("has_more").asBoolean()).isTrue();
            assertThat(found.meta().path("synced_at").asText()).isNotBlank();
            ExecutionResult bad = remote.execute("tasks", "context_store_search", Map.of("query",
                    Map.of("filter", Map.of("equals", Map.of("name", "x")))));
            assertThat(bad.success()).isFalse();
            assertThat(bad.error()).contains("did you mean 'eq'");
        }
        // a local connector has no service to forward them to, and says so
        try (AsanaConnector local = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                stack.sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(stack.sim.baseUrl())
                .localActions(StoreLocalActions.onTheService()).build())) {
            ExecutionResult r = local.execute("tasks", "context_store_search", Map.of("query", Map.of()));
            assertThat(r.exception()).isInstanceOf(ConfigurationException.class);
            assertThat(r.error()).contains("answered by a connector execution service");
        }
    }

    @Test
    void connectorByIdAndByWorkspaceBothWork() {
        try (AsanaConnector byId = hosted(AsanaHostedAuthConfig.forConnector(stack.clientId, stack.clientSecret,
                connectorId), ConnectorOptions.defaults())) {
            assertThat(byId.execute("users", "get", Map.of("user_gid", "me")).success()).isTrue();
        }
    }

    @Test
    void aWorkspaceWithoutConnectorIsExplained() {
        try (AsanaConnector none = hosted(AsanaHostedAuthConfig.forWorkspace(stack.clientId, stack.clientSecret,
                "nobody"), ConnectorOptions.defaults())) {
            ExecutionResult r = none.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.exception()).isInstanceOf(ConfigurationException.class);
            assertThat(r.error()).contains("no Asana connector exists for workspace 'nobody'");
        }
    }

    @Test
    void aWrongSecretIsAnAuthenticationError() {
        try (AsanaConnector wrong = hosted(AsanaHostedAuthConfig.forWorkspace(stack.clientId, "not-the-secret",
                "acme"), ConnectorOptions.defaults())) {
            ExecutionResult r = wrong.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.meta().get("error_type").asText()).isEqualTo("authentication_error");
            assertThat(r.error()).doesNotContain("not-the-secret");
        }
    }

    @Test
    void aTokenTheServiceNoLongerAcceptsIsReplacedAfterA401() throws Exception {
        // a frozen clock makes the SDK believe its token is still fresh after the service (2 s TTL) expired it
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try (AsanaConnector remote = hosted(AsanaHostedAuthConfig.forWorkspace(stack.clientId, stack.clientSecret,
                "acme"), ConnectorOptions.builder().clock(frozen).build())) {
            assertThat(remote.execute("users", "get", Map.of("user_gid", "me")).success()).isTrue();
            Thread.sleep(2500);
            ExecutionResult r = remote.execute("users", "get", Map.of("user_gid", "me"));
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        }
    }
}
