package dev.agentconnector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.http.RetryPolicy;
import dev.agentconnector.server.TestHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hosted API as callers see it, over real HTTP on loopback, with the Asana simulator as Asana. Run once per
 * database by the concrete subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HostedApiContract {
    static final String DEFINITION_ID = "d0243522-dccf-4978-8ba0-37ed47a0bdbf";
    static final String CONNECTORS = "/api/v1/integrations/connectors";
    static final RetryPolicy FAST = new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofSeconds(1));

    protected AsanaSimulator sim;
    protected AsanaAgentServer server;
    protected Admin admin;
    protected final TestHttp http = new TestHttp();
    private LogCapture logs;
    /** Every secret the tests handled; none may show up in answers, logs or the database. */
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Tokens the service issued: fine in the answers that issue them, never in logs or the database. */
    private final Set<String> bearerTokens = ConcurrentHashMap.newKeySet();

    /** Makes the database ready; returns null, or why it cannot be used (then every test is skipped with it). */
    protected abstract String prepareDatabase() throws Exception;

    /** Adds the settings that select the database under test. */
    protected abstract ServerConfig.Builder database(ServerConfig.Builder b);

    /** Everything the database holds, as raw bytes, to be searched for secrets. */
    protected abstract byte[] storedBytes() throws Exception;

    /** The master key in use (base64), which must never be logged. */
    protected abstract String masterKeyBase64() throws Exception;

    /** Secrets of the database connection (a password in the URL), which must never be logged. */
    protected List<String> databaseSecrets() {
        return List.of();
    }

    /** Removes what {@link #prepareDatabase()} made. */
    protected abstract void dropDatabase() throws Exception;

    private String skipReason;

    @BeforeAll
    void startAll() throws Exception {
        skipReason = prepareDatabase();
        if (skipReason != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + skipReason);
            return;
        }
        logs = new LogCapture();
        sim = AsanaSimulator.builder().seed(42).build().start();
        server = AsanaAgentServer.start(config().build());
        admin = Admin.open(config().build());
        secrets.addAll(List.of(sim.personalAccessToken(), sim.refreshToken(), sim.clientSecret()));
        secrets.addAll(databaseSecrets());
    }

    @BeforeEach
    void requireDatabase() {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @AfterEach
    void resetSimulator() {
        if (sim != null) {
            sim.control().reset();
        }
    }

    @AfterAll
    void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (logs != null) {
            logs.close();
        }
        dropDatabase();
    }

    ServerConfig.Builder config() {
        return database(ServerConfig.builder().port(0)
                .asanaBaseUrl(sim.baseUrl())
                .asanaTokenUrl(sim.tokenUrl())
                .asanaAuthorizeUrl(sim.authorizeUrl())
                .asanaRetryPolicy(FAST)
                .dbPoolSize(4)
                .workerThreads(16));
    }

    // ---------------------------------------------------------------- helpers

    /** An organization with one application and an application token. */
    record Tenant(String organizationId, String clientId, String clientSecret, String token) {
    }

    /** Organization names by id, for the admin calls that take names. */
    private final Map<String, String> organizationNames = new ConcurrentHashMap<>();

    Tenant tenant() {
        JsonNode org = admin.createOrganization("org-" + UUID.randomUUID());
        organizationNames.put(org.get("organization_id").asText(), org.get("name").asText());
        JsonNode app = admin.createApplication(org.get("name").asText(), "test app");
        String secret = app.get("client_secret").asText();
        secrets.add(secret);
        Answer a = http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", app.get("client_id").asText(), "client_secret", secret));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        String token = a.json().get("access_token").asText();
        bearerTokens.add(token);
        return new Tenant(org.get("organization_id").asText(), app.get("client_id").asText(), secret, token);
    }

    String scopedToken(Tenant t, String workspace) {
        Answer a = http.post(url("/api/v1/account/applications/scoped-token"), t.token(),
                obj("workspace_name", workspace));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        String token = a.json().get("token").asText();
        bearerTokens.add(token);
        return token;
    }

    JsonNode createPat(AsanaAgentServer on, String token, String workspace) {
        Answer a = http.post(on.baseUrl() + CONNECTORS, token, obj("workspace_name", workspace,
                "connector_type", "Asana", "name", "My Asana", "credentials", obj("token", sim.personalAccessToken())));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a.json();
    }

    JsonNode createOAuth(AsanaAgentServer on, String token, String workspace, String accessToken, boolean check) {
        ObjectNode credentials = obj("refresh_token", sim.refreshToken(), "client_id", sim.clientId(),
                "client_secret", sim.clientSecret());
        if (accessToken != null) {
            secrets.add(accessToken);
            credentials.put("access_token", accessToken);
        }
        Answer a = http.post(on.baseUrl() + CONNECTORS, token, obj("external_user_id", workspace,
                "definition_id", DEFINITION_ID, "credentials", credentials, "check_credentials", check));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a.json();
    }

    Answer execute(AsanaAgentServer on, String token, String connectorId, String entity, String action,
                   ObjectNode params) {
        ObjectNode body = obj("entity", entity, "action", action);
        if (params != null) {
            body.set("params", params);
        }
        return http.post(on.baseUrl() + CONNECTORS + "/" + connectorId + "/execute", token, body);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    static ObjectNode obj(Object... kv) {
        ObjectNode o = TestHttp.JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], TestHttp.JSON.valueToTree(kv[i + 1]));
        }
        return o;
    }

    static String workspace() {
        return "ws-" + UUID.randomUUID();
    }

    // ---------------------------------------------------------------- tokens

    @Test
    void applicationTokenFromClientCredentials() {
        JsonNode org = admin.createOrganization("org-" + UUID.randomUUID());
        JsonNode app = admin.createApplication(org.get("name").asText(), null);
        String secret = app.get("client_secret").asText();
        secrets.add(secret);
        assertThat(app.get("organization_id").asText()).isEqualTo(org.get("organization_id").asText());

        Answer ok = http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", app.get("client_id").asText(), "client_secret", secret));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().get("expires_in").asLong()).isEqualTo(900);
        assertThat(ok.json().get("organization_id").asText()).isEqualTo(org.get("organization_id").asText());
        bearerTokens.add(ok.json().get("access_token").asText());

        Answer wrong = http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", app.get("client_id").asText(), "client_secret", secret + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_client");
        Answer unknown = http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", "nope", "client_secret", secret));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        Answer missing = http.post(url("/api/v1/account/applications/token"), null, obj("client_id", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("client_secret");

        assertThatThrownBy(() -> admin.createOrganization(org.get("name").asText()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> admin.createApplication("no such org " + UUID.randomUUID(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no organization");
    }

    @Test
    void organizationHeaderMustNameTheTokensOrganization() {
        Tenant t = tenant();
        Tenant other = tenant();
        assertThat(http.send("GET", url(CONNECTORS), t.token(), null, t.organizationId()).status()).isEqualTo(200);
        Answer mismatch = http.send("GET", url(CONNECTORS), t.token(), null, other.organizationId());
        assertThat(mismatch.status()).isEqualTo(404);
        assertThat(mismatch.errorCode()).isEqualTo("not_found");
        Answer tokenEndpoint = http.send("POST", url("/api/v1/account/applications/token"), null,
                obj("client_id", t.clientId(), "client_secret", t.clientSecret()).toString(), other.organizationId());
        assertThat(tokenEndpoint.status()).isEqualTo(404);
    }

    @Test
    void scopedTokensSeeOnlyTheirWorkspace() {
        Tenant t = tenant();
        String ws = workspace();
        String scoped = scopedToken(t, ws);

        Answer created = http.post(url(CONNECTORS), scoped, obj("connector_type", "asana",
                "credentials", obj("token", sim.personalAccessToken())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("workspace_name").asText()).isEqualTo(ws);
        JsonNode other = createPat(server, t.token(), workspace());

        Answer list = http.get(url(CONNECTORS), scoped);
        assertThat(list.json().get("data")).extracting(n -> n.get("id").asText())
                .containsExactly(created.json().get("id").asText());
        Answer foreignList = http.get(url(CONNECTORS + "?workspace_name=" + other.get("workspace_name").asText()),
                scoped);
        assertThat(foreignList.json().get("data")).isEmpty();
        Answer elsewhere = http.post(url(CONNECTORS), scoped, obj("workspace_name", workspace(),
                "connector_type", "Asana", "credentials", obj("token", sim.personalAccessToken())));
        assertThat(elsewhere.status()).isEqualTo(404);
        Answer noNewTokens = http.post(url("/api/v1/account/applications/scoped-token"), scoped,
                obj("workspace_name", ws));
        assertThat(noNewTokens.status()).isEqualTo(401);
        assertThat(http.get(url("/metrics"), scoped).status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- connectors

    @Test
    void connectorWithPersonalAccessTokenIsCheckedAndNeverShowsCredentials() {
        Tenant t = tenant();
        String ws = workspace();
        long before = sim.stats().requests("GET", "/users/me");
        JsonNode c = createPat(server, t.token(), ws);
        assertThat(sim.stats().requests("GET", "/users/me")).isEqualTo(before + 1);
        assertThat(c.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(c.get("name").asText()).isEqualTo("My Asana");
        assertThat(c.get("workspace_name").asText()).isEqualTo(ws);
        assertThat(c.get("connector_type").asText()).isEqualTo("Asana");
        assertThat(c.get("definition_id").asText()).isEqualTo(DEFINITION_ID);
        assertThat(c.get("auth_type").asText()).isEqualTo("token");
        assertThat(c.has("created_at") && c.has("updated_at")).isTrue();
        assertThat(c.has("credentials")).isFalse();

        Answer alias = http.post(url("/v1/integrations/connectors"), t.token(), obj("external_user_id", ws,
                "connector_type", "Asana", "credentials", obj("token", sim.personalAccessToken())));
        assertThat(alias.status()).isEqualTo(201);

        Answer byWorkspace = http.get(url(CONNECTORS + "?workspace_name=" + ws + "&definition_id=" + DEFINITION_ID),
                t.token());
        assertThat(byWorkspace.json().get("data")).hasSize(2);
        assertThat(http.get(url(CONNECTORS + "?workspace_name=" + workspace()), t.token()).json().get("data"))
                .isEmpty();
        Answer otherDefinition = http.get(url(CONNECTORS + "?definition_id=" + UUID.randomUUID()), t.token());
        assertThat(otherDefinition.json().get("data")).isEmpty();
        Answer typo = http.get(url(CONNECTORS + "?workspace=" + ws), t.token());
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.errorMessage()).contains("workspace_name");
        Answer one = http.get(url(CONNECTORS + "/" + c.get("id").asText()), t.token());
        assertThat(one.json()).isEqualTo(c);
        assertThat(c.get("summarized_source_template").get("name").asText()).isEqualTo("Asana");
        assertThat(byWorkspace.json().get("data").get(0).get("summarized_source_template").get("name").asText())
                .isEqualTo("Asana");
    }

    @Test
    void thePlatformsOptionalFieldsAreAcceptedAndItsServerSideSecretIsExplained() {
        Tenant t = tenant();
        ObjectNode create = obj("workspace_name", workspace(), "connector_type", "Asana",
                "credentials", obj("token", sim.personalAccessToken()), "replication_config", obj("start_date", "x"),
                "source_template_id", UUID.randomUUID().toString(), "environment", "production",
                "entities", List.of("tasks"), "selected_connection_template_tags", List.of("a"),
                "selected_connection_template_tags_mode", "any");
        Answer created = http.post(url(CONNECTORS), t.token(), create);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Answer secretId = http.post(url(CONNECTORS), t.token(), obj("workspace_name", workspace(),
                "connector_type", "Asana", "server_side_oauth_secret_id", "s-1"));
        assertThat(secretId.status()).isEqualTo(400);
        assertThat(secretId.errorMessage()).contains("server_side_oauth_secret_id").contains("oauth/initiate");
        assertThat(secretId.apiError().at("/errors/0/field").asText()).isEqualTo("server_side_oauth_secret_id");
        Answer initiate = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name",
                workspace(), "connector_type", "Asana", "redirect_url", "https://app.example/done",
                "server_side_oauth_secret_id", "s-1"));
        assertThat(initiate.status()).isEqualTo(400);
        assertThat(initiate.errorMessage()).contains("server_side_oauth_secret_id");
        Answer unknown = http.post(url(CONNECTORS), t.token(), obj("workspace_name", workspace(),
                "connector_type", "Asana", "credentials", obj("token", sim.personalAccessToken()), "replication", 1));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).contains("'replication'");
    }

    @Test
    void connectorRateLimitsRoundTripAndAreValidated() {
        Tenant t = tenant();
        String ws = workspace();
        JsonNode plain = createPat(server, t.token(), ws);
        assertThat(plain.get("rate_limits")).isEqualTo(obj("requests_per_minute", null, "max_concurrent_reads",
                null, "max_concurrent_writes", null));

        Answer created = http.post(url(CONNECTORS), t.token(), obj("workspace_name", ws, "connector_type", "Asana",
                "credentials", obj("token", sim.personalAccessToken()), "rate_limits",
                obj("requests_per_minute", 60, "max_concurrent_writes", 5)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode limits = obj("requests_per_minute", 60, "max_concurrent_reads", null, "max_concurrent_writes", 5);
        assertThat(created.json().get("rate_limits")).isEqualTo(limits);
        assertThat(http.get(url(CONNECTORS + "/" + id), t.token()).json().get("rate_limits")).isEqualTo(limits);
        assertThat(http.get(url(CONNECTORS + "?workspace_name=" + ws), t.token()).json().get("data")
                .findValues("rate_limits")).contains(limits);

        // PATCH replaces the connector's limits as a whole; a rename alone keeps them; null returns to the defaults
        Answer patched = http.patch(url(CONNECTORS + "/" + id), t.token(),
                obj("rate_limits", obj("max_concurrent_reads", 10)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("rate_limits")).isEqualTo(obj("requests_per_minute", null,
                "max_concurrent_reads", 10, "max_concurrent_writes", null));
        Answer renamed = http.patch(url(CONNECTORS + "/" + id), t.token(), obj("name", "renamed"));
        assertThat(renamed.json().get("rate_limits").get("max_concurrent_reads").asInt()).isEqualTo(10);
        Answer cleared = http.patch(url(CONNECTORS + "/" + id), t.token(), obj("rate_limits", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("rate_limits")).isEqualTo(plain.get("rate_limits"));
        assertThat(execute(server, t.token(), id, "users", "get", obj("user_gid", "me")).status()).isEqualTo(200);

        record Bad(Object limits, String field, String says) {
        }
        for (Bad bad : List.of(
                new Bad(60, "rate_limits", "'rate_limits' must be an object"),
                new Bad(obj("requests_per_minute", 0), "rate_limits.requests_per_minute",
                        "'rate_limits.requests_per_minute' must be a whole number from 1 to 1500"),
                new Bad(obj("requests_per_minute", 1501), "rate_limits.requests_per_minute", "got 1501"),
                new Bad(obj("requests_per_minute", -5), "rate_limits.requests_per_minute", "got -5"),
                new Bad(obj("max_concurrent_reads", 51), "rate_limits.max_concurrent_reads", "from 1 to 50"),
                new Bad(obj("max_concurrent_writes", 16), "rate_limits.max_concurrent_writes", "from 1 to 15"),
                new Bad(obj("max_concurrent_writes", 2.5), "rate_limits.max_concurrent_writes", "a fraction"),
                new Bad(obj("max_concurrent_writes", "5"), "rate_limits.max_concurrent_writes", "got a string"),
                new Bad(obj("requests_per_minute", 99_999_999_999L), "rate_limits.requests_per_minute",
                        "got 99999999999"),
                new Bad(obj("requests_per_min", 60), "rate_limits",
                        "unknown field 'rate_limits.requests_per_min' (did you mean 'requests_per_minute'?)"))) {
            Answer onCreate = http.post(url(CONNECTORS), t.token(), obj("workspace_name", ws, "connector_type",
                    "Asana", "credentials", obj("token", sim.personalAccessToken()), "rate_limits", bad.limits()));
            Answer onPatch = http.patch(url(CONNECTORS + "/" + id), t.token(), obj("rate_limits", bad.limits()));
            for (Answer a : List.of(onCreate, onPatch)) {
                assertThat(a.status()).as(a.toString()).isEqualTo(400);
                assertThat(a.errorCode()).isEqualTo("invalid_request");
                assertThat(a.errorMessage()).as(a.toString()).contains(bad.says());
                assertThat(a.apiError().at("/errors/0/field").asText()).isEqualTo(bad.field());
            }
        }
        assertThat(http.get(url(CONNECTORS + "?workspace_name=" + ws), t.token()).json().get("data")).hasSize(2);
        Answer typo = http.patch(url(CONNECTORS + "/" + id), t.token(), obj("rate_limit", obj()));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.errorMessage()).contains("unknown field 'rate_limit'").contains("rate_limits");
    }

    @Test
    void checkAndInspectAConnector() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        long before = sim.stats().requests("GET", "/workspaces");
        Answer healthy = http.post(url(CONNECTORS + "/" + id + "/check"), t.token(), "");
        assertThat(healthy.status()).as(healthy.toString()).isEqualTo(200);
        assertThat(healthy.json().get("status").asText()).isEqualTo("healthy");
        assertThat(healthy.json().get("error").isNull()).isTrue();
        assertThat(sim.stats().requests("GET", "/workspaces")).isEqualTo(before + 1);

        assertThat(http.patch(url(CONNECTORS + "/" + id), t.token(), obj("credentials",
                obj("token", "2/0/not-a-token"), "check_credentials", false)).status()).isEqualTo(200);
        Answer unhealthy = http.post(url(CONNECTORS + "/" + id + "/check"), t.token(), "");
        assertThat(unhealthy.status()).isEqualTo(200);
        assertThat(unhealthy.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(unhealthy.json().at("/error/error_code").asText()).isEqualTo("authentication_error");
        assertThat(unhealthy.body()).doesNotContain("not-a-token");

        Answer inspect = http.get(url(CONNECTORS + "/" + id + "/inspect"), t.token());
        assertThat(inspect.status()).isEqualTo(200);
        JsonNode j = inspect.json();
        assertThat(j.get("connector_type").asText()).isEqualTo("Asana");
        assertThat(j.get("auth_type").asText()).isEqualTo("token");
        assertThat(j.get("entities").size()).isEqualTo(28);
        assertThat(j.get("entities").findValuesAsText("name")).contains("tasks", "workspace_memberships");
        assertThat(j.has("credentials")).isFalse();
        assertThat(http.get(url(CONNECTORS + "/" + UUID.randomUUID() + "/inspect"), t.token()).status())
                .isEqualTo(404);
        Tenant other = tenant();
        assertThat(http.post(url(CONNECTORS + "/" + id + "/check"), other.token(), "").status()).isEqualTo(404);
    }

    @Test
    void rejectedCredentialsAnswer400AndNothingIsSaved() {
        Tenant t = tenant();
        String ws = workspace();
        Answer bad = http.post(url(CONNECTORS), t.token(), obj("workspace_name", ws, "connector_type", "Asana",
                "credentials", obj("token", "2/000/not-a-real-token")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("invalid_credentials");
        assertThat(bad.errorMessage()).startsWith("Asana rejected the credentials: ");
        Answer badRefresh = http.post(url(CONNECTORS), t.token(), obj("workspace_name", ws, "connector_type", "Asana",
                "credentials", obj("refresh_token", "2/revoked", "client_id", sim.clientId(),
                        "client_secret", sim.clientSecret())));
        assertThat(badRefresh.status()).isEqualTo(400);
        assertThat(badRefresh.errorCode()).isEqualTo("invalid_credentials");
        assertThat(http.get(url(CONNECTORS), t.token()).json().get("data")).isEmpty();

        Answer unchecked = http.post(url(CONNECTORS), t.token(), obj("workspace_name", ws, "connector_type", "Asana",
                "credentials", obj("token", "2/000/not-a-real-token"), "check_credentials", false));
        assertThat(unchecked.status()).isEqualTo(201);
    }

    @Test
    void unknownConnectorTypesAndDefinitionsAreNamed() {
        Tenant t = tenant();
        Answer type = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w", "connector_type", "Jira",
                "credentials", obj("token", sim.personalAccessToken())));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.errorMessage()).contains("Jira").contains("\"Asana\"");
        Answer definition = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w",
                "definition_id", UUID.randomUUID().toString(), "credentials", obj("token", sim.personalAccessToken())));
        assertThat(definition.status()).isEqualTo(400);
        assertThat(definition.errorMessage()).contains(DEFINITION_ID);
        Answer neither = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w",
                "credentials", obj("token", sim.personalAccessToken())));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.errorMessage()).contains("connector_type");
        Answer noWorkspace = http.post(url(CONNECTORS), t.token(), obj("connector_type", "Asana",
                "credentials", obj("token", sim.personalAccessToken())));
        assertThat(noWorkspace.status()).isEqualTo(400);
        assertThat(noWorkspace.errorMessage()).contains("workspace_name");
    }

    @Test
    void unreachableAsanaAnswers502() {
        Tenant t = tenant();
        try (AsanaAgentServer offline = AsanaAgentServer.start(config()
                .asanaBaseUrl("http://127.0.0.1:9/api/1.0").asanaRetryPolicy(RetryPolicy.NONE).build())) {
            Answer a = http.post(offline.baseUrl() + CONNECTORS, t.token(), obj("workspace_name", "w",
                    "connector_type", "Asana", "credentials", obj("token", sim.personalAccessToken())));
            assertThat(a.status()).as(a.toString()).isEqualTo(502);
            assertThat(a.errorCode()).isEqualTo("asana_unreachable");
        }
    }

    @Test
    void patchRenamesAndRechecksCredentialsAndDeleteRemoves() {
        Tenant t = tenant();
        JsonNode c = createPat(server, t.token(), workspace());
        String path = url(CONNECTORS + "/" + c.get("id").asText());

        Answer renamed = http.patch(path, t.token(), obj("name", "Renamed"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.json().get("created_at")).isEqualTo(c.get("created_at"));

        Answer badCredentials = http.patch(path, t.token(), obj("credentials", obj("token", "2/bad/token")));
        assertThat(badCredentials.status()).isEqualTo(400);
        assertThat(badCredentials.errorCode()).isEqualTo("invalid_credentials");
        Answer still = execute(server, t.token(), c.get("id").asText(), "users", "get", obj("user_gid", "me"));
        assertThat(still.json().get("status").asText()).isEqualTo("success");

        Answer toOAuth = http.patch(path, t.token(), obj("credentials", obj("access_token", sim.issueAccessToken(),
                "refresh_token", sim.refreshToken(), "client_id", sim.clientId(), "client_secret", sim.clientSecret())));
        assertThat(toOAuth.status()).as(toOAuth.toString()).isEqualTo(200);
        assertThat(toOAuth.json().get("auth_type").asText()).isEqualTo("oauth2");
        Answer afterSwitch = execute(server, t.token(), c.get("id").asText(), "users", "get", obj("user_gid", "me"));
        assertThat(afterSwitch.json().get("status").asText()).isEqualTo("success");

        Answer nothing = http.patch(path, t.token(), obj());
        assertThat(nothing.status()).isEqualTo(400);

        Answer deleted = http.delete(path, t.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(obj("id", c.get("id").asText(), "deleted", true));
        assertThat(http.get(path, t.token()).status()).isEqualTo(404);
        assertThat(http.delete(path, t.token()).status()).isEqualTo(404);
        assertThat(execute(server, t.token(), c.get("id").asText(), "users", "get", obj("user_gid", "me")).status())
                .isEqualTo(404);
        assertThat(http.get(url(CONNECTORS + "/not-a-uuid"), t.token()).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- execute

    @Test
    void executeRunsTheLocalEngine() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        String task = sim.fixtures().taskGid();
        Answer a = execute(server, t.token(), id, "tasks", "get", obj("task_gid", task));
        assertThat(a.status()).isEqualTo(200);
        JsonNode j = a.json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("result").get("gid").asText()).isEqualTo(task);
        assertThat(j.get("result").get("name").asText()).isNotBlank();
        assertThat(j.get("error").isNull()).isTrue();
        assertThat(j.get("execution_metadata").get("connector_instance_id").asText()).isEqualTo(id);
        assertThat(j.get("execution_metadata").get("execution_time_ms").isNumber()).isTrue();

        Answer alias = http.post(url("/api/v1/connectors/sources/" + id + "/execute"), t.token(),
                obj("entity", "tasks", "action", "list", "params", obj("project", sim.fixtures().projectGid(),
                        "limit", 3)));
        assertThat(alias.json().get("status").asText()).isEqualTo("success");
        assertThat(alias.json().get("result")).hasSize(3);
        assertThat(alias.json().get("connector_metadata").get("next_page").get("offset").asText()).isNotBlank();
    }

    @Test
    void everyFailedExecutionAnswersNon2xxWithAnApiErrorResponse() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        String missingTask = "1999999999999999";

        Answer notFound = execute(server, t.token(), id, "tasks", "get", obj("task_gid", missingTask));
        expectFailure(notFound, 404, "not_found", null);
        JsonNode details = notFound.apiError().at("/errors/0/details");
        assertThat(details.get("api_status").asInt()).isEqualTo(404);
        assertThat(details.get("request_id").asText()).isNotBlank();
        assertThat(details.get("operation").asText()).isEqualTo("tasks.get");
        assertThat(details.get("api_errors").get(0).get("message").asText()).isNotBlank();
        assertThat(details.get("connector_instance_id").asText()).isEqualTo(id);
        assertThat(notFound.errorMessage()).startsWith("tasks.get: Asana answered 404");

        record Injected(int asanaStatus, int status, String code) {
        }
        for (Injected i : List.of(new Injected(400, 400, "bad_request"), new Injected(422, 400, "api_error"),
                new Injected(402, 403, "payment_required"), new Injected(403, 403, "permission_denied"),
                new Injected(429, 429, "rate_limited"), new Injected(500, 502, "server_error"),
                new Injected(503, 502, "server_error"))) {
            sim.control().failNext(10, i.asanaStatus());
            Answer a = execute(server, t.token(), id, "users", "get", obj("user_gid", "me"));
            sim.control().reset();
            expectFailure(a, i.status(), i.code(), null);
            assertThat(a.apiError().at("/errors/0/details/api_status").asInt()).as("%s", i).isEqualTo(i.asanaStatus());
            if (i.asanaStatus() == 429) {
                assertThat(a.header("Retry-After")).isNotBlank();
                assertThat(a.apiError().at("/errors/0/details/retry_after_seconds").asLong()).isPositive();
            }
        }

        Answer invalid = execute(server, t.token(), id, "tasks", "list", obj("limit", "many"));
        expectFailure(invalid, 400, "validation_error", "limit");
        expectFailure(execute(server, t.token(), id, "taks", "list", obj()), 400, "validation_error", "entity");
        expectFailure(execute(server, t.token(), id, "attachments", "download", obj("attachment_gid", "1")), 400,
                "unsupported_action", null);

        try (AsanaAgentServer offline = AsanaAgentServer.start(config()
                .asanaBaseUrl("http://127.0.0.1:9/api/1.0").asanaRetryPolicy(RetryPolicy.NONE).build())) {
            Answer created = http.post(offline.baseUrl() + CONNECTORS, t.token(), obj("workspace_name", workspace(),
                    "connector_type", "Asana", "check_credentials", false,
                    "credentials", obj("token", sim.personalAccessToken())));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String offlineId = created.json().get("id").asText();
            expectFailure(execute(offline, t.token(), offlineId, "users", "get", obj("user_gid", "me")), 502,
                    "transport_error", null);
        }

        Answer edit = http.patch(url(CONNECTORS + "/" + id), t.token(),
                obj("credentials", obj("token", "2/0/revoked-token"), "check_credentials", false));
        assertThat(edit.status()).isEqualTo(200);
        expectFailure(execute(server, t.token(), id, "users", "get", obj("user_gid", "me")), 409,
                "authentication_error", null);

        // the grant behind a stored OAuth connector is gone (a refresh token Asana does not know)
        String oauthId = createOAuth(server, t.token(), workspace(), sim.issueAccessToken(), true).get("id").asText();
        assertThat(http.patch(url(CONNECTORS + "/" + oauthId), t.token(), obj("check_credentials", false,
                "credentials", obj("refresh_token", "2/0/refresh-token-asana-revoked", "client_id", sim.clientId(),
                        "client_secret", sim.clientSecret()))).status()).isEqualTo(200);
        sim.control().expireAllAccessTokens();
        Answer revoked = execute(server, t.token(), oauthId, "users", "get", obj("user_gid", "me"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(409);
        assertThat(revoked.errorCode()).isIn("reauthorization_required", "oauth_error");
    }

    /** A failure answer in the platform's shape: status, error_code, field, and nothing of the implementation. */
    private static void expectFailure(Answer a, int status, String code, String field) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        JsonNode body = a.apiError();
        assertThat(body.at("/errors/0/error_code").asText()).as(a.toString()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(body.at("/errors/0/message").asText()).isNotBlank();
        if (field == null) {
            assertThat(body.at("/errors/0/field").isNull()).as(a.toString()).isTrue();
        } else {
            assertThat(body.at("/errors/0/field").asText()).isEqualTo(field);
        }
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\"status\"");
    }

    @Test
    void invalidParamsAnswer400AndNothingReachesAsana() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        long before = sim.stats().apiRequests();
        Answer missing = execute(server, t.token(), id, "tasks", "get", obj());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("validation_error");
        assertThat(missing.errorMessage()).contains("task_gid");
        Answer typo = execute(server, t.token(), id, "tasks", "get", obj("task_gid", "1", "limt", 5));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.errorMessage()).contains("limt");
        Answer entity = execute(server, t.token(), id, "taks", "get", obj());
        assertThat(entity.status()).isEqualTo(400);
        assertThat(entity.errorMessage()).contains("tasks");
        Answer download = execute(server, t.token(), id, "attachments", "download",
                obj("attachment_gid", sim.fixtures().attachmentGid()));
        assertThat(download.status()).isEqualTo(400);
        assertThat(sim.stats().apiRequests()).isEqualTo(before);
    }

    @Test
    void selectAndExcludeFieldsTrimEachRecord() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        ObjectNode params = obj("project", sim.fixtures().projectGid(), "limit", 5);
        String path = url(CONNECTORS + "/" + id + "/execute");

        JsonNode selected = http.post(path, t.token(), obj("entity", "tasks", "action", "list", "params", params,
                "select_fields", List.of("name", "assignee.name"), "exclude_fields", List.of("name"))).json();
        assertThat(selected.get("result")).hasSize(5);
        for (JsonNode r : selected.get("result")) {
            assertThat(r.get("name").asText()).isNotBlank();
            List<String> names = new ArrayList<>();
            r.fieldNames().forEachRemaining(names::add);
            assertThat(names).isSubsetOf("name", "assignee").contains("name");
            if (r.hasNonNull("assignee")) {
                List<String> inner = new ArrayList<>();
                r.get("assignee").fieldNames().forEachRemaining(inner::add);
                assertThat(inner).containsExactly("name");
            }
        }
        JsonNode excluded = http.post(path, t.token(), obj("entity", "tasks", "action", "list", "params", params,
                "exclude_fields", List.of("gid", "assignee.gid"))).json();
        for (JsonNode r : excluded.get("result")) {
            assertThat(r.has("gid")).isFalse();
            assertThat(r.has("name")).isTrue();
            if (r.hasNonNull("assignee")) {
                assertThat(r.get("assignee").has("gid")).isFalse();
                assertThat(r.get("assignee").has("name")).isTrue();
            }
        }
        JsonNode one = http.post(path, t.token(), obj("entity", "tasks", "action", "get",
                "params", obj("task_gid", sim.fixtures().taskGid()), "select_fields", List.of("gid"))).json();
        assertThat(one.get("result")).isEqualTo(obj("gid", sim.fixtures().taskGid()));
        Answer bad = http.post(path, t.token(), obj("entity", "tasks", "action", "get",
                "params", obj("task_gid", sim.fixtures().taskGid()), "select_fields", "gid"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("select_fields");
    }

    // ---------------------------------------------------------------- OAuth renewal

    @Test
    void oauthConnectorRenewsOnExecuteAndTheRenewalSurvivesARestart() {
        Tenant t = tenant();
        ServerConfig cfg = config().build();
        long before;
        String id;
        try (AsanaAgentServer first = AsanaAgentServer.start(cfg)) {
            id = createOAuth(first, t.token(), workspace(), null, false).get("id").asText();
            before = sim.stats().tokenRequests();
            Answer a = execute(first, t.token(), id, "users", "get", obj("user_gid", "me"));
            assertThat(a.json().get("status").asText()).as(a.toString()).isEqualTo("success");
            assertThat(sim.stats().tokenRequests()).isEqualTo(before + 1);
        }
        try (AsanaAgentServer second = AsanaAgentServer.start(cfg)) {
            Answer a = execute(second, t.token(), id, "users", "get", obj("user_gid", "me"));
            assertThat(a.json().get("status").asText()).as(a.toString()).isEqualTo("success");
            assertThat(sim.stats().tokenRequests()).as("the stored access token is used").isEqualTo(before + 1);
        }
    }

    @Test
    void twoInstancesRenewAnExpiredTokenOnce() throws Exception {
        Tenant t = tenant();
        ServerConfig cfg = config().build();
        try (AsanaAgentServer a = AsanaAgentServer.start(cfg); AsanaAgentServer b = AsanaAgentServer.start(cfg)) {
            String id = createOAuth(a, t.token(), workspace(), sim.issueAccessToken(), true).get("id").asText();
            for (AsanaAgentServer s : List.of(a, b)) {
                assertThat(execute(s, t.token(), id, "users", "get", obj("user_gid", "me")).json().get("status")
                        .asText()).isEqualTo("success");
            }
            sim.control().expireAllAccessTokens();
            sim.control().setTokenEndpointLatency(Duration.ofMillis(300));
            long before = sim.stats().tokenRequests();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Answer>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AsanaAgentServer target = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> {
                        go.await();
                        return execute(target, t.token(), id, "users", "get", obj("user_gid", "me"));
                    }));
                }
                go.countDown();
                for (Future<Answer> f : calls) {
                    Answer r = f.get();
                    assertThat(r.json().get("status").asText()).as(r.toString()).isEqualTo("success");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(sim.stats().tokenRequests() - before).isEqualTo(1);
            String metrics = http.get(a.baseUrl() + "/metrics", t.token()).body()
                    + http.get(b.baseUrl() + "/metrics", t.token()).body();
            assertThat(counter(metrics, "asana_agent_oauth_refreshes_total{outcome=\"refreshed\"}")).isEqualTo(1);
            assertThat(counter(metrics, "asana_agent_oauth_refreshes_total{outcome=\"reused\"}")).isEqualTo(1);
        }
    }

    /** The sum of a sample's values over several scrapes. */
    static double counter(String scrapes, String sample) {
        double sum = 0;
        for (String line : scrapes.split("\n")) {
            if (line.startsWith(sample + " ")) {
                sum += Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return sum;
    }

    @Test
    void anEditOnOneInstanceReachesTheCachedExecutorOfAnother() {
        Tenant t = tenant();
        ServerConfig cfg = config().build();
        try (AsanaAgentServer a = AsanaAgentServer.start(cfg); AsanaAgentServer b = AsanaAgentServer.start(cfg)) {
            String id = createPat(a, t.token(), workspace()).get("id").asText();
            assertThat(execute(b, t.token(), id, "users", "get", obj("user_gid", "me")).json().get("status").asText())
                    .isEqualTo("success");
            Answer edit = http.patch(a.baseUrl() + CONNECTORS + "/" + id, t.token(),
                    obj("credentials", obj("token", "2/0/revoked-elsewhere"), "check_credentials", false));
            assertThat(edit.status()).isEqualTo(200);
            Answer after = execute(b, t.token(), id, "users", "get", obj("user_gid", "me"));
            assertThat(after.status()).isEqualTo(409);
            assertThat(after.errorCode()).isEqualTo("authentication_error");
        }
    }

    @Test
    void executorsBeyondTheCacheLimitAreDroppedAndRebuilt() {
        Tenant t = tenant();
        try (AsanaAgentServer small = AsanaAgentServer.start(config().maxCachedExecutors(2).build())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(createPat(small, t.token(), workspace()).get("id").asText());
            }
            for (String id : ids) {
                assertThat(execute(small, t.token(), id, "users", "get", obj("user_gid", "me")).json()
                        .get("status").asText()).isEqualTo("success");
            }
            String metrics = http.get(small.baseUrl() + "/metrics", t.token()).body();
            assertThat(counter(metrics, "asana_agent_cached_executors")).isEqualTo(2);
            assertThat(execute(small, t.token(), ids.get(0), "users", "get", obj("user_gid", "me")).json()
                    .get("status").asText()).isEqualTo("success");
        }
    }

    // ---------------------------------------------------------------- tenancy and tokens

    @Test
    void otherTenantsObjectsAreNotFound() {
        Tenant owner = tenant();
        Tenant stranger = tenant();
        String ws = workspace();
        String id = createPat(server, owner.token(), ws).get("id").asText();
        String path = url(CONNECTORS + "/" + id);
        String otherWorkspace = scopedToken(owner, workspace());

        for (String token : List.of(stranger.token(), otherWorkspace)) {
            assertThat(http.get(path, token).status()).isEqualTo(404);
            assertThat(http.patch(path, token, obj("name", "x")).status()).isEqualTo(404);
            assertThat(execute(server, token, id, "users", "get", obj("user_gid", "me")).status()).isEqualTo(404);
            assertThat(http.post(url("/api/v1/connectors/sources/" + id + "/execute"), token,
                    obj("entity", "users", "action", "get", "params", obj("user_gid", "me"))).status()).isEqualTo(404);
            assertThat(http.delete(path, token).status()).isEqualTo(404);
            assertThat(http.get(url(CONNECTORS), token).json().get("data").toString()).doesNotContain(id);
        }
        Answer missing = http.get(url(CONNECTORS + "/" + UUID.randomUUID()), stranger.token());
        Answer foreign = http.get(path, stranger.token());
        assertThat(foreign.errorCode()).isEqualTo(missing.errorCode());
        assertThat(http.get(path, scopedToken(owner, ws)).status()).isEqualTo(200);
        assertThat(http.get(path, owner.token()).status()).isEqualTo(200);
    }

    @Test
    void tamperedForgedAndExpiredTokensAnswer401() {
        Tenant t = tenant();
        Tenant other = tenant();
        String token = t.token();
        String[] parts = token.split("\\.");
        char c = parts[2].charAt(10);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(t.organizationId(), other.organizationId());
        String otherClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String bad : List.of(badSignature, otherClaims, "garbage", token + "x", "v1..", "v1.", "v1.e30",
                "v1.e30.", "v1..e30", parts[0] + "." + parts[1] + ".")) {
            for (String path : List.of(CONNECTORS, "/metrics", CONNECTORS + "/x/execute")) {
                Answer a = path.endsWith("execute") ? http.post(url(path), bad, "{}") : http.get(url(path), bad);
                assertThat(a.status()).as("%s with %s", path, bad).isEqualTo(401);
                assertThat(a.errorCode()).isEqualTo("invalid_token");
                assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
        }
        assertThat(http.get(url(CONNECTORS), null).status()).isEqualTo(401);
        Answer basic = http.send(HttpRequest.newBuilder(URI.create(url(CONNECTORS)))
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build());
        assertThat(basic.status()).isEqualTo(401);

        try (AsanaAgentServer later = AsanaAgentServer.start(config()
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).build())) {
            Answer expired = http.get(later.baseUrl() + CONNECTORS, token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.errorCode()).isEqualTo("token_expired");
        }
    }

    @Test
    void revokedApplicationsTokensFailWithinSecondsOnEveryInstance() throws Exception {
        Tenant t = tenant();
        String scoped = scopedToken(t, workspace());
        String appId = applicationId(t);
        ServerConfig cfg = config().build();
        try (AsanaAgentServer a = AsanaAgentServer.start(cfg); AsanaAgentServer b = AsanaAgentServer.start(cfg)) {
            for (AsanaAgentServer s : List.of(a, b)) {  // both instances have read the application as active
                assertThat(http.get(s.baseUrl() + CONNECTORS, t.token()).status()).isEqualTo(200);
                assertThat(http.get(s.baseUrl() + CONNECTORS, scoped).status()).isEqualTo(200);
            }
            long start = System.nanoTime();
            JsonNode revoked = admin.revokeApplication(appId);
            assertThat(revoked.get("status").asText()).isEqualTo("revoked");
            for (AsanaAgentServer s : List.of(a, b)) {
                for (String token : List.of(t.token(), scoped)) {
                    Answer refused = awaitStatus(s.baseUrl() + CONNECTORS, token, 401, Duration.ofSeconds(5));
                    assertThat(refused.errorCode()).isEqualTo("invalid_token");
                    assertThat(refused.errorMessage()).contains("revoked");
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            Answer again = http.post(a.baseUrl() + "/api/v1/account/applications/token", null,
                    obj("client_id", t.clientId(), "client_secret", t.clientSecret()));
            assertThat(again.status()).isEqualTo(401);
            assertThat(again.errorCode()).isEqualTo("invalid_client");
        }
        JsonNode listed = admin.listApplications(null);
        JsonNode row = null;
        for (JsonNode r : listed) {
            row = r.get("application_id").asText().equals(appId) ? r : row;
        }
        assertThat(row).isNotNull();
        assertThat(row.get("status").asText()).isEqualTo("revoked");
        assertThat(listed.toString()).doesNotContain(t.clientSecret());
        assertThatThrownBy(() -> admin.revokeApplication(appId)).hasMessageContaining("already revoked");
        assertThatThrownBy(() -> admin.rotateSecret(appId)).hasMessageContaining("revoked");
        assertThatThrownBy(() -> admin.revokeApplication("nope")).hasMessageContaining("not an application id");
        assertThatThrownBy(() -> admin.revokeApplication(UUID.randomUUID().toString()))
                .hasMessageContaining("no application with id");
    }

    @Test
    void aRotatedSecretRetiresTheOldSecretAndItsTokens() throws Exception {
        Tenant t = tenant();
        String appId = applicationId(t);
        assertThat(http.get(url(CONNECTORS), t.token()).status()).isEqualTo(200);
        JsonNode rotated = admin.rotateSecret(appId);
        String fresh = rotated.get("client_secret").asText();
        secrets.add(fresh);
        assertThat(rotated.get("client_id").asText()).isEqualTo(t.clientId());
        assertThat(fresh).isNotEqualTo(t.clientSecret());

        awaitStatus(url(CONNECTORS), t.token(), 401, Duration.ofSeconds(5));
        assertThat(http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", t.clientId(), "client_secret", t.clientSecret())).status()).isEqualTo(401);
        Answer renewed = http.post(url("/api/v1/account/applications/token"), null,
                obj("client_id", t.clientId(), "client_secret", fresh));
        assertThat(renewed.status()).isEqualTo(200);
        String token = renewed.json().get("access_token").asText();
        bearerTokens.add(token);
        assertThat(http.get(url(CONNECTORS), token).status()).isEqualTo(200);
    }

    private String applicationId(Tenant t) {
        for (JsonNode r : admin.listApplications(null)) {
            if (r.get("client_id").asText().equals(t.clientId())) {
                return r.get("application_id").asText();
            }
        }
        throw new AssertionError("no application with client id " + t.clientId());
    }

    /** Polls a GET until it answers {@code status}; fails after {@code within}. */
    private Answer awaitStatus(String url, String token, int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Answer a = http.get(url, token);
            if (a.status() == status) {
                return a;
            }
            assertThat(System.nanoTime()).as("%s still answers %d after %s", url, a.status(), within)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputAnswers4xxNamingTheProblem() throws IOException {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        String exec = url(CONNECTORS + "/" + id + "/execute");

        Answer malformed = http.post(exec, t.token(), "{\"entity\": \"tasks\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("invalid_json");
        assertThat(malformed.errorMessage()).contains("line 1");
        Answer leaky = http.post(url(CONNECTORS), t.token(), "{\"credentials\": {\"token\": sekrit-value-123}}");
        assertThat(leaky.status()).isEqualTo(400);
        assertThat(leaky.body()).doesNotContain("sekrit");
        assertThat(http.post(exec, t.token(), "[1, 2]").errorMessage()).contains("JSON object");
        assertThat(http.post(exec, t.token(), "").status()).isEqualTo(400);
        assertThat(http.post(exec, t.token(), "{\"entity\": \"a\", \"entity\": \"b\"}").errorMessage())
                .contains("twice");

        Answer paramsType = http.post(exec, t.token(), obj("entity", "tasks", "action", "get", "params", "x"));
        assertThat(paramsType.status()).isEqualTo(400);
        assertThat(paramsType.errorMessage()).contains("'params'").contains("object");
        Answer nameType = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w", "connector_type", "Asana",
                "name", 5, "credentials", obj("token", sim.personalAccessToken())));
        assertThat(nameType.status()).isEqualTo(400);
        assertThat(nameType.errorMessage()).contains("'name'").contains("string").contains("number");
        Answer unknown = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w", "connector_type", "Asana",
                "nmae", "x", "credentials", obj("token", sim.personalAccessToken())));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).contains("'nmae'").contains("did you mean 'name'");
        Answer nested = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w", "connector_type", "Asana",
                "credentials", obj("tokn", sim.personalAccessToken())));
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.errorMessage()).contains("credentials.tokn").contains("did you mean 'token'");
        Answer checkType = http.post(url(CONNECTORS), t.token(), obj("workspace_name", "w", "connector_type", "Asana",
                "check_credentials", "no", "credentials", obj("token", sim.personalAccessToken())));
        assertThat(checkType.errorMessage()).contains("check_credentials").contains("boolean");

        String big = "{\"entity\": \"" + "x".repeat(1024 * 1024) + "\"}";
        Answer tooLarge = http.post(exec, t.token(), big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("payload_too_large");

        assertThat(http.send("PUT", exec, t.token(), "{}").status()).isEqualTo(405);
        assertThat(http.get(url("/api/v1/nothing-here"), t.token()).status()).isEqualTo(404);
        assertThat(rawStatusLine("GET " + CONNECTORS + "?workspace_name=%zz HTTP/1.1", t.token())).contains(" 400 ");
        for (String query : List.of("workspace_name=%00", "workspace_name=a%0d%0aX-Injected:%201",
                "definition_id=%1b%5b31m", "workspace_name=" + "w".repeat(5000), "%00=x")) {
            Answer bad = http.get(url(CONNECTORS + "?" + query), t.token());
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.errorMessage()).as(query).contains("query parameter '")
                    .containsAnyOf("control characters", "at most");
            assertThat(bad.body()).doesNotContain("\u0000").doesNotContain("X-Injected");
        }
        for (String body : http.bodies()) {
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** Requests per database (-Dasana.fuzz.requests=N to change). */
    private static final int FUZZ_REQUESTS = Integer.getInteger("asana.fuzz.requests", 10_000);

    @Test
    void aGeneratedFuzzOfEveryEndpointNeverAnswers5xxNorNamesTheImplementation() {
        Tenant t = tenant();
        String scoped = scopedToken(t, workspace());
        String connector = createPat(server, t.token(), workspace()).get("id").asText();
        java.util.Random random = new java.util.Random(20261130L);
        String[] routes = {"POST /api/v1/account/applications/token", "POST /api/v1/account/applications/scoped-token",
            "POST " + CONNECTORS, "POST /v1/integrations/connectors", "GET " + CONNECTORS, "GET " + CONNECTORS + "/{id}",
            "PATCH " + CONNECTORS + "/{id}", "DELETE " + CONNECTORS + "/{id}", "POST " + CONNECTORS + "/{id}/execute",
            "POST /api/v1/connectors/sources/{id}/execute", "POST " + CONNECTORS + "/{id}/check",
            "GET " + CONNECTORS + "/{id}/inspect", "PUT /api/v1/oauth/credentials",
            "DELETE /api/v1/oauth/credentials/connector_type/{id}", "POST " + CONNECTORS + "/oauth/initiate",
            "GET " + CONNECTORS + "/oauth/callback", "GET /api/v1/oauth/redirect_hosts",
            "PUT /api/v1/oauth/redirect_hosts", "GET /health", "GET /metrics", "GET /{id}", "POST /api/v1/{id}"};
        String[] methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        String[] strings = {"", " ", "x", "tasks", "list", "Asana", "me", "%00", "\u0000", "\r\n", "\u010d\u010a",
            "é", "😀", "<script>", "' OR 1=1 --", "../../etc/passwd", "null", "{}", "[]", "9".repeat(40),
            "a".repeat(3000), DEFINITION_ID, UUID.randomUUID().toString(), "v1.", "v1.e30", "http://127.0.0.1:1/cb",
            "javascript:alert(1)", connector};
        String[] fields = {"entity", "action", "params", "workspace_name", "external_user_id", "connector_type",
            "definition_id", "name", "credentials", "token", "refresh_token", "client_id", "client_secret",
            "redirect_url", "hosts", "select_fields", "exclude_fields", "check_credentials", "configuration",
            "task_gid", "limit", "data", "fetch_all", "intent", "replication_config", "nmae"};
        java.net.http.HttpClient fuzzClient = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10)).build();
        int sent = 0;
        String previous = "none";
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        while (sent < FUZZ_REQUESTS) {
            String[] route = routes[random.nextInt(routes.length)].split(" ", 2);
            String method = random.nextInt(8) == 0 ? methods[random.nextInt(methods.length)] : route[0];
            String id = switch (random.nextInt(4)) {
                case 0 -> connector;
                case 1 -> UUID.randomUUID().toString();
                case 2 -> "Asana";
                default -> enc(strings[random.nextInt(strings.length)]);
            };
            StringBuilder path = new StringBuilder(route[1].replace("{id}", id.isEmpty() ? "x" : id));
            int queries = random.nextInt(3);
            for (int i = 0; i < queries; i++) {
                path.append(i == 0 ? '?' : '&').append(enc(fields[random.nextInt(fields.length)])).append('=')
                        .append(enc(strings[random.nextInt(strings.length)]));
            }
            String body = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> strings[random.nextInt(strings.length)];
                case 2 -> "{\"entity\": \"tasks\", ";
                default -> randomJson(random, fields, strings, 0).toString();
            };
            String token = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> scoped;
                case 2 -> strings[random.nextInt(strings.length)];
                default -> t.token();
            };
            HttpRequest.Builder b;
            try {
                b = HttpRequest.newBuilder(URI.create(url(path.toString()))).timeout(java.time.Duration.ofSeconds(30))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                if (token != null) {
                    b.header("Authorization", "Bearer " + token);
                }
                if (random.nextInt(4) == 0) {
                    b.header("Content-Type", random.nextBoolean() ? "text/plain" : "application/json; charset=latin1");
                } else if (body != null) {
                    b.header("Content-Type", "application/json");
                }
                if (random.nextInt(10) == 0) {
                    b.header("X-Organization-Id", strings[random.nextInt(strings.length)]);
                }
            } catch (IllegalArgumentException notSendable) {
                continue; // java.net.http refuses to build it (a control character in a header, say): not sent
            }
            String what = method + " " + path + " (body " + (body == null ? "none"
                    : body.length() > 120 ? body.substring(0, 120) + "…" : body) + ")";
            Answer a;
            try {
                // a hard bound per request: a request the service never answers fails the test instead of hanging it
                HttpResponse<String> r = fuzzClient.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                a = new Answer(r.statusCode(), r.body(), r);
            } catch (Exception e) {
                throw new AssertionError("no answer to request " + sent + ": " + what + ", after " + previous, e);
            }
            previous = what;
            sent++;
            statuses.merge(a.status(), 1, Integer::sum);
            if (a.status() >= 500 || a.body().contains("Exception") || a.body().contains("\tat ")
                    || a.body().matches("(?s).*\\b(java|javax|jdk|com\\.sun|org\\.eclipse)\\.[a-z]+\\.[A-Za-z].*")) {
                failures.add(what + " -> " + a.status() + " " + a.body().substring(0,
                        Math.min(200, a.body().length())));
            }
        }
        assertThat(failures).as("answers with 5xx or implementation details, of %d requests", sent).isEmpty();
        // the fuzz reaches handlers, not only the front door: successes and each kind of refusal occur
        assertThat(statuses).as("statuses of the fuzz").containsKeys(200, 400, 401, 404, 405);

        assertThat(http.get(url("/health"), null).status()).isEqualTo(200);
    }

    /** A JSON value of random shape over the service's field names and hostile strings. */
    private static JsonNode randomJson(java.util.Random random, String[] fields, String[] strings, int depth) {
        int kind = depth > 3 ? 3 + random.nextInt(4) : random.nextInt(8);
        return switch (kind) {
            case 0, 1, 2 -> {
                ObjectNode o = TestHttp.JSON.createObjectNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(fields[random.nextInt(fields.length)], randomJson(random, fields, strings, depth + 1));
                }
                yield o;
            }
            case 3 -> TestHttp.JSON.getNodeFactory().textNode(strings[random.nextInt(strings.length)]);
            case 4 -> TestHttp.JSON.getNodeFactory().numberNode(random.nextInt(5) == 0 ? Long.MAX_VALUE
                    : random.nextInt(200) - 50);
            case 5 -> TestHttp.JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 6 -> TestHttp.JSON.getNodeFactory().nullNode();
            default -> {
                var arr = TestHttp.JSON.createArrayNode();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    arr.add(randomJson(random, fields, strings, depth + 1));
                }
                yield arr;
            }
        };
    }

    /** Sends a request line java.net.http would refuse to build (malformed percent-encoding) over a raw socket. */
    private String rawStatusLine(String requestLine, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    // ---------------------------------------------------------------- OAuth consent

    @Test
    void oauthConsentFlowCreatesAConnector() {
        Tenant t = tenant();
        String ws = workspace();
        String redirect = "http://127.0.0.1:9/after-consent?from=test";

        Answer noApp = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name", ws,
                "connector_type", "Asana", "redirect_url", redirect));
        assertThat(noApp.status()).isEqualTo(400);
        assertThat(noApp.errorCode()).isEqualTo("oauth_app_not_configured");

        Answer set = http.put(url("/api/v1/oauth/credentials"), t.token(), obj("connector_type", "Asana",
                "configuration", obj("client_id", sim.clientId(), "client_secret", sim.clientSecret())));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(sim.clientSecret());

        Answer js = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name", ws,
                "connector_type", "Asana", "redirect_url", "javascript:alert(1)"));
        assertThat(js.status()).isEqualTo(400);
        for (String splitting : List.of("http://127.0.0.1:1/cb?x=\u010d\u010aSet-Cookie:a=b",
                "http://127.0.0.1:1/cb?x=\r\nSet-Cookie:a=b", "http://127.0.0.1:1/cb?x=a b", "http://h\u00e9.example/",
                "https://127.0.0.1:1/cb#\u2028x")) {
            Answer refused = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name", ws,
                    "connector_type", "Asana", "redirect_url", splitting));
            assertThat(refused.status()).as(splitting).isEqualTo(400);
            assertThat(refused.errorMessage()).contains("'redirect_url'").contains("ASCII");
        }

        String connectorId = consent(t, ws, redirect, "allow");
        Answer run = execute(server, t.token(), connectorId, "users", "get", obj("user_gid", "me"));
        assertThat(run.json().get("status").asText()).as(run.toString()).isEqualTo("success");
        JsonNode c = http.get(url(CONNECTORS + "/" + connectorId), t.token()).json();
        assertThat(c.get("auth_type").asText()).isEqualTo("oauth2");
        assertThat(c.get("workspace_name").asText()).isEqualTo(ws);

        assertThat(consent(t, ws, redirect, "deny")).isEqualTo("error=access_denied");
    }

    /** Runs one consent flow like a browser; returns the connector id, or the error parameter. */
    private String consent(Tenant t, String ws, String redirect, String decision) {
        Answer init = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("external_user_id", ws,
                "definition_id", DEFINITION_ID, "redirect_url", redirect, "name", "Consented"));
        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        String consentUrl = init.json().get("consent_url").asText();
        assertThat(consentUrl).startsWith(sim.authorizeUrl() + "?client_id=" + sim.clientId())
                .contains("redirect_uri=" + enc(server.baseUrl() + CONNECTORS + "/oauth/callback"))
                .contains("response_type=code").contains("state=");

        Answer page = http.get(consentUrl, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"allow\"");
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), unescape(m.group(2)));
        }
        form.put("decision", decision);
        String encoded = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        Answer decided = http.send(HttpRequest.newBuilder(URI.create(sim.origin() + "/-/oauth_authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build());
        assertThat(decided.status()).isEqualTo(302);
        String callback = decided.header("Location");
        assertThat(callback).startsWith(server.baseUrl() + CONNECTORS + "/oauth/callback?");

        Answer back = http.get(callback, null);
        assertThat(back.status()).as(back.toString()).isEqualTo(302);
        String location = back.header("Location");
        assertThat(location).startsWith(redirect + "&");
        Answer reused = http.get(callback, null);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.header("Content-Type")).startsWith("text/plain");
        String param = location.substring(redirect.length() + 1);
        return param.startsWith("connector_id=") ? param.substring("connector_id=".length()) : param;
    }

    @Test
    void anExpiredConsentStateIsRejected() {
        Tenant t = tenant();
        http.put(url("/api/v1/oauth/credentials"), t.token(), obj("connector_type", "Asana",
                "configuration", obj("client_id", sim.clientId(), "client_secret", sim.clientSecret())));
        admin.redirectHosts(organizationName(t), List.of("app.example"), List.of());
        Answer init = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name", workspace(),
                "connector_type", "Asana", "redirect_url", "https://app.example/done"));
        String state = init.json().get("consent_url").asText().replaceAll(".*[?&]state=([^&]+).*", "$1");
        try (AsanaAgentServer later = AsanaAgentServer.start(config()
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11))).build())) {
            Answer a = http.get(later.baseUrl() + CONNECTORS + "/oauth/callback?code=abc&state=" + state, null);
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("expired");
        }
    }

    @Test
    void consentResultsGoOnlyToLoopbackOrAllowListedHosts() {
        Tenant t = tenant();
        Tenant other = tenant();
        http.put(url("/api/v1/oauth/credentials"), t.token(), obj("connector_type", "Asana",
                "configuration", obj("client_id", sim.clientId(), "client_secret", sim.clientSecret())));
        ObjectNode initiate = obj("workspace_name", workspace(), "connector_type", "Asana",
                "redirect_url", "https://app.example.com/after?x=1");
        Answer refused = http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), initiate);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("redirect_host_not_allowed");
        assertThat(refused.apiError().at("/errors/0/field").asText()).isEqualTo("redirect_url");
        assertThat(refused.errorMessage()).contains("app.example.com").contains("redirect_hosts");

        String hosts = "/api/v1/oauth/redirect_hosts";
        assertThat(http.get(url(hosts), t.token()).json().get("hosts")).isEmpty();
        Answer set = http.put(url(hosts), t.token(), obj("hosts", List.of("App.Example.COM.", "partner.example")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("hosts").toString()).isEqualTo("[\"app.example.com\",\"partner.example\"]");
        assertThat(http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), initiate).status()).isEqualTo(200);
        assertThat(http.put(url(hosts), t.token(), obj("hosts", List.of("partner.example"))).json().get("hosts"))
                .hasSize(1);
        assertThat(http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), initiate).status()).isEqualTo(400);
        assertThat(http.get(url(hosts), other.token()).json().get("hosts")).isEmpty();

        for (String bad : List.of("https://app.example.com", "app.example.com:443", "a b", "-x.example", "")) {
            Answer a = http.put(url(hosts), t.token(), obj("hosts", List.of(bad)));
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.errorMessage()).contains("hosts[0]");
        }
        String scoped = scopedToken(t, workspace());
        assertThat(http.put(url(hosts), scoped, obj("hosts", List.of("evil.example"))).status()).isEqualTo(401);
        assertThat(http.get(url(hosts), t.token()).json().get("hosts").toString()).isEqualTo("[\"partner.example\"]");

        JsonNode changed = admin.redirectHosts(organizationName(t), List.of("ops.example"), List.of("partner.example"));
        assertThat(changed.get("hosts").toString()).isEqualTo("[\"ops.example\"]");
        assertThat(http.post(url(CONNECTORS + "/oauth/initiate"), t.token(), obj("workspace_name", workspace(),
                "connector_type", "Asana", "redirect_url", "http://localhost:3000/cb")).status()).isEqualTo(200);
    }

    /** The organization's name, as the admin commands take it. */
    private String organizationName(Tenant t) {
        for (JsonNode r : admin.listApplications(null)) {
            if (r.get("client_id").asText().equals(t.clientId())) {
                return organizationNames.get(r.get("organization_id").asText());
            }
        }
        throw new AssertionError("no application with client id " + t.clientId());
    }

    @Test
    void callbackWithUnknownStateIsRejected() {
        Answer a = http.get(url(CONNECTORS + "/oauth/callback?code=abc&state=" + UUID.randomUUID()), null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(http.get(url(CONNECTORS + "/oauth/callback"), null).status()).isEqualTo(400);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    // ---------------------------------------------------------------- operations

    @Test
    void healthAndMetrics() {
        Answer health = http.get(url("/health"), null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(obj("status", "ok", "database", "ok"));

        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        execute(server, t.token(), id, "tasks", "get", obj("task_gid", "1999999999999999"));
        assertThat(http.get(url("/metrics"), null).status()).isEqualTo(401);
        Answer m = http.get(url("/metrics"), t.token());
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body())
                .contains("asana_agent_http_requests_total{method=\"POST\",route=\"/api/v1/integrations/connectors\","
                        + "status=\"201\"}")
                .contains("asana_agent_executes_total{action=\"get\",entity=\"tasks\",status=\"error\"}")
                .contains("asana_agent_asana_errors_total{type=\"not_found\"}")
                .contains("asana_agent_http_request_duration_seconds_bucket");

        try (AsanaAgentServer withStatic = AsanaAgentServer.start(config().metricsToken("scrape-me-123").build())) {
            assertThat(http.get(withStatic.baseUrl() + "/metrics", "scrape-me-123").status()).isEqualTo(200);
            assertThat(http.get(withStatic.baseUrl() + "/metrics", "scrape-me-124").status()).isEqualTo(401);
        }
    }

    @Test
    void everyRequestIsLoggedWithItsRouteTemplate() {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        execute(server, t.token(), id, "users", "get", obj("user_gid", "me"));
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                .matches("(?s).*POST /api/v1/integrations/connectors/\\{id}/execute 200 \\d+ ms.*"));
        assertThat(logs.lines()).noneSatisfy(l -> assertThat(l).contains(id + "/execute"));
    }

    @Test
    void closeLetsAnInFlightExecuteFinish() throws Exception {
        Tenant t = tenant();
        AsanaAgentServer draining = AsanaAgentServer.start(config().build());
        String id = createPat(draining, t.token(), workspace()).get("id").asText();
        sim.control().setLatency(Duration.ofMillis(1000));
        long before = sim.stats().apiRequests();
        CompletableFuture<Answer> call = CompletableFuture.supplyAsync(
                () -> execute(draining, t.token(), id, "users", "get", obj("user_gid", "me")));
        long waitUntil = System.currentTimeMillis() + 5000;
        while (sim.stats().apiRequests() == before && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(5);
        }
        assertThat(sim.stats().apiRequests()).as("the execute reached Asana").isGreaterThan(before);
        draining.close();
        Answer a = call.get();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("success");
        assertThatThrownBy(() -> http.get(draining.baseUrl() + "/health", null)).isInstanceOf(RuntimeException.class);
    }

    // ---------------------------------------------------------------- the front door under attack

    /** Seconds the slow-header flood lasts (the acceptance figure is 60; lower it with -Dasana.flood.seconds=N). */
    private static final int FLOOD_SECONDS = Integer.getInteger("asana.flood.seconds", 60);

    @Test
    void twoHundredConnectionsDribblingHeadersDelayNeitherHealthNorAnotherClientsExecute() throws Exception {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        String task = sim.fixtures().taskGid();
        int port = server.port();
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> dribblers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread d = new Thread(() -> {
                byte[] head = ("POST " + CONNECTORS + "/" + id + "/execute HTTP/1.1\r\nHost: x\r\nX-Pad: "
                        + "a".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
                while (flooding.get()) {
                    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                        open.incrementAndGet();
                        try {
                            java.io.OutputStream out = s.getOutputStream();
                            for (int b = 0; b < head.length && flooding.get(); b++) {
                                out.write(head[b]);
                                out.flush();
                                Thread.sleep(500);
                            }
                        } finally {
                            open.decrementAndGet();
                        }
                    } catch (IOException closedByTheServer) {
                        reconnects.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "dribbler-" + i);
            d.setDaemon(true);
            d.start();
            dribblers.add(d);
        }
        java.net.http.HttpClient other = java.net.http.HttpClient.newHttpClient();
        List<Long> healthMillis = new ArrayList<>();
        List<Long> executeMillis = new ArrayList<>();
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
        int peakOpen = 0;
        try {
            Thread.sleep(500);
            while (System.nanoTime() < end) {
                peakOpen = Math.max(peakOpen, open.get());
                long t0 = System.nanoTime();
                HttpResponse<String> h = other.sendAsync(HttpRequest.newBuilder(URI.create(url("/health"))).build(),
                        HttpResponse.BodyHandlers.ofString()).get(5, java.util.concurrent.TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                HttpResponse<String> e = other.sendAsync(HttpRequest.newBuilder(
                                URI.create(url(CONNECTORS + "/" + id + "/execute")))
                        .header("Authorization", "Bearer " + t.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(obj("entity", "tasks", "action", "get", "params",
                                obj("task_gid", task)).toString())).build(),
                        HttpResponse.BodyHandlers.ofString()).get(5, java.util.concurrent.TimeUnit.SECONDS);
                long t2 = System.nanoTime();
                assertThat(h.statusCode()).isEqualTo(200);
                assertThat(e.statusCode()).as(e.body()).isEqualTo(200);
                healthMillis.add((t1 - t0) / 1_000_000);
                executeMillis.add((t2 - t1) / 1_000_000);
                Thread.sleep(200);
            }
        } finally {
            flooding.set(false);
            dribblers.forEach(Thread::interrupt);
        }
        System.err.printf("slow-header flood, %d s: %d dribbling connections at peak, %d closed by the header "
                        + "deadline; /health max %d ms, execute max %d ms over %d rounds%n", FLOOD_SECONDS, peakOpen,
                reconnects.get(), java.util.Collections.max(healthMillis), java.util.Collections.max(executeMillis),
                healthMillis.size());
        assertThat(peakOpen).as("dribbling connections open at once").isGreaterThanOrEqualTo(190);
        assertThat(healthMillis).as("/health answer times (ms) during the flood").allMatch(ms -> ms < 1000);
        assertThat(executeMillis).as("execute answer times (ms) during the flood").allMatch(ms -> ms < 1000);
        if (FLOOD_SECONDS > 15) {
            assertThat(reconnects.get()).as("dribblers cut by the header deadline").isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void aHundredMegabyteBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        Tenant t = tenant();
        String id = createPat(server, t.token(), workspace()).get("id").asText();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            long start = System.nanoTime();
            s.getOutputStream().write(("POST " + CONNECTORS + "/" + id + "/execute HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + t.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (100L * 1024 * 1024) + "\r\n\r\n{\"entity\":").getBytes(
                    StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("connection: close");
            assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).contains("\"error_code\":\"payload_too_large\"")
                    .contains("\"message\":\"the request body is larger than the limit of 1048576 bytes\"");
            assertThat(millis).as("ms to the 413, with 11 bytes of the 100 MB sent").isLessThan(2000);
        }
    }

    @Test
    void theHttpLayersOwnErrorsUseTheApiErrorShape() throws Exception {
        String[] attacks = {
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
            "NOT HTTP AT ALL\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            "GET /api/v1/integrations/connectors/%2e%2e/execute HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /he\u0000alth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        };
        for (String attack : attacks) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(attack.getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String shown = attack.substring(0, Math.min(60, attack.length()));
                assertThat(answer).as(shown).matches("(?s)HTTP/1.1 4\\d\\d .*");
                JsonNode body = TestHttp.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertThat(body.get("message").asText()).as(shown).isNotBlank();
                assertThat(body.get("errors").get(0).get("error_code").asText()).as(shown).isNotBlank();
                assertThat(answer).as(shown).doesNotContainIgnoringCase("jetty").doesNotContain("Exception");
            }
        }
    }

    // ---------------------------------------------------------------- secrets (last: scans what all tests left)

    @Test
    @Order(Integer.MAX_VALUE)
    void secretsAppearInNoAnswerLogLineOrStoredByte() throws Exception {
        assertThat(secrets).hasSizeGreaterThan(3);
        String key = masterKeyBase64();
        for (String body : http.bodies()) {
            for (String s : secrets) {
                assertThat(body).as("an answer body").doesNotContain(s);
            }
            assertThat(body).doesNotContain(key);
        }
        assertThat(logs.lines()).isNotEmpty();
        for (String line : logs.lines()) {
            for (String s : secrets) {
                assertThat(line).as("a log line").doesNotContain(s);
            }
            for (String s : bearerTokens) {
                assertThat(line).as("a log line").doesNotContain(s);
            }
            assertThat(line).doesNotContain(key);
        }
        String stored = new String(storedBytes(), StandardCharsets.ISO_8859_1);
        assertThat(stored).as("stored data").contains(DEFINITION_ID);
        for (String s : secrets) {
            assertThat(stored).as("stored data").doesNotContain(s);
        }
        for (String s : bearerTokens) {
            assertThat(stored).as("stored data").doesNotContain(s);
        }
    }

    // ---------------------------------------------------------------- MCP at /mcp

    private static final String MCP_INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    String scopedToken(Tenant t, String workspace, boolean readOnly) {
        Answer a = http.post(url("/api/v1/account/applications/scoped-token"), t.token(),
                obj("workspace_name", workspace, "read_only", readOnly));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(a.json().get("read_only").asBoolean()).isEqualTo(readOnly);
        String token = a.json().get("token").asText();
        bearerTokens.add(token);
        return token;
    }

    /** An MCP client of the service's /mcp (plus {@code query}) with this bearer token, initialized. */
    io.modelcontextprotocol.client.McpSyncClient mcpClient(String token, String query) {
        var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport
                .builder(server.baseUrl()).endpoint("/mcp" + query)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        var client = io.modelcontextprotocol.client.McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /** A POST to /mcp{query}, or, when {@code query} does not start with '?', to /mcp in that session. */
    Answer mcpPost(String token, String queryOrSession, String body) {
        boolean query = queryOrSession.isEmpty() || queryOrSession.startsWith("?");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"
                        + (query ? queryOrSession : "")))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!query) {
            b.header("Mcp-Session-Id", queryOrSession);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build());
    }

    static JsonNode toolJson(io.modelcontextprotocol.spec.McpSchema.CallToolResult r) throws IOException {
        return TestHttp.JSON.readTree(((io.modelcontextprotocol.spec.McpSchema.TextContent) r.content().get(0)).text());
    }

    @Test
    void mcpWithAScopedTokenActsThroughItsWorkspacesConnector() throws Exception {
        Tenant t = tenant();
        String ws = workspace();
        createPat(server, t.token(), ws);
        var client = mcpClient(scopedToken(t, ws, false), "");
        try {
            assertThat(client.listTools().tools()).extracting(io.modelcontextprotocol.spec.McpSchema.Tool::name)
                    .containsExactly("asana_execute");
            var r = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("asana_execute",
                    Map.of("entity", "users", "action", "get", "params", Map.of("user_gid", "me"))));
            assertThat(r.isError()).as(r.toString()).isFalse();
            assertThat(toolJson(r).path("data").path("gid").asText()).isNotBlank();
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void mcpWithAnApplicationTokenNamesTheWorkspace() throws Exception {
        Tenant t = tenant();
        String ws = workspace();
        createPat(server, t.token(), ws);
        Answer none = mcpPost(t.token(), "", MCP_INIT);
        assertThat(none.status()).isEqualTo(400);
        assertThat(TestHttp.JSON.readTree(none.body()).path("error").path("message").asText()).contains("workspace_name");
        Answer unknown = mcpPost(t.token(), "?workspace_name=" + workspace(), MCP_INIT);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(TestHttp.JSON.readTree(unknown.body()).path("error").path("message").asText())
                .contains("POST /api/v1/integrations/connectors");
        Answer badMode = mcpPost(t.token(), "?tools=many&workspace_name=" + ws, MCP_INIT);
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body()).contains("single or per-entity");
        var client = mcpClient(t.token(), "?tools=per-entity&workspace_name="
                + URLEncoder.encode(ws, StandardCharsets.UTF_8));
        try {
            assertThat(client.listTools().tools()).extracting(io.modelcontextprotocol.spec.McpSchema.Tool::name)
                    .contains("asana_tasks", "asana_workspaces");
            var r = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("asana_workspaces",
                    Map.of("action", "list", "params", Map.of())));
            assertThat(r.isError()).as(r.toString()).isFalse();
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aReadOnlyTokenOnlyReadsThroughMcpAndTheApi() throws Exception {
        Tenant t = tenant();
        String ws = workspace();
        String id = createPat(server, t.token(), ws).get("id").asText();
        String readOnly = scopedToken(t, ws, true);
        var client = mcpClient(readOnly, "");
        try {
            var tool = client.listTools().tools().get(0);
            assertThat(tool.title()).contains("read-only");
            var r = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("asana_execute",
                    Map.of("entity", "tasks", "action", "create", "params", Map.of("name", "x",
                            "workspace", sim.workspaceGid()))));
            assertThat(r.isError()).isTrue();
            assertThat(toolJson(r).path("error").toString()).contains("read-only");
            var read = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("asana_execute",
                    Map.of("entity", "users", "action", "get", "params", Map.of("user_gid", "me"))));
            assertThat(read.isError()).as(read.toString()).isFalse();
        } finally {
            client.closeGracefully();
        }
        Answer write = execute(server, readOnly, id, "tasks", "create", obj("name", "x", "workspace",
                sim.workspaceGid()));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.errorCode()).isEqualTo("read_only");
        assertThat(execute(server, readOnly, id, "users", "get", obj("user_gid", "me")).status()).isEqualTo(200);
    }

    @Test
    void mcpRefusesMissingAndMalformedTokensAsJsonRpcErrors() throws Exception {
        for (String token : new String[] {null, "v1.", "v1.e30", "not-a-token"}) {
            Answer a = mcpPost(token, "", MCP_INIT);
            assertThat(a.status()).as(token).isEqualTo(401);
            assertThat(a.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            JsonNode error = TestHttp.JSON.readTree(a.body());
            assertThat(error.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(error.path("id").isNull()).isTrue();
            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("java.");
        }
    }


    @Test
    void mcpAnswersBadRequestsWithJsonRpcErrorsAndKeepsServing() throws Exception {
        Tenant t = tenant();
        String ws = workspace();
        createPat(server, t.token(), ws);
        String token = scopedToken(t, ws, false);
        Answer init = mcpPost(token, "", MCP_INIT);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String session = init.raw().headers().firstValue("Mcp-Session-Id").orElseThrow();
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("{\"jsonrpc\":\"2.0\",", new Object[] {400, -32700});
        cases.put("[1]", new Object[] {400, -32600});
        cases.put("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", new Object[] {400, -32600});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Answer a = mcpPost(token, session, c.getKey());
            assertThat(a.status()).as(c.getKey()).isEqualTo(c.getValue()[0]);
            assertThat(TestHttp.JSON.readTree(a.body()).path("error").path("code").asInt()).isEqualTo(c.getValue()[1]);
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("jetty");
        }
        Answer unknownSession = mcpPost(token, "nope", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(unknownSession.status()).isEqualTo(404);
        Answer trace = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Authorization", "Bearer " + token).method("TRACE", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(trace.status()).isEqualTo(405);
        // the session still serves
        Answer ping = mcpPost(token, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
    }


    // ---------------------------------------------------------------- context store

    @Test
    void aConnectorsSyncedRecordsAreSearchedThroughExecuteAndGoWithIt() throws Exception {
        Tenant t = tenant();
        String ws = workspace();
        String id = createPat(server, t.token(), ws).get("id").asText();
        Answer before = execute(server, t.token(), id, "tasks", "context_store_search", obj("query", obj()));
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.errorMessage()).contains("no tasks have been synced");

        Answer started = http.post(url(CONNECTORS + "/" + id + "/sync"), t.token(), obj());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode store = null;
        for (int i = 0; i < 300; i++) {
            store = http.get(url(CONNECTORS + "/" + id + "/inspect"), t.token()).json().path("context_store");
            if (!Set.of("queued", "running").contains(store.path("status").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(store.path("status").asText()).as(store.toString()).isEqualTo("succeeded");
        assertThat(store.path("written").path("tasks").asLong()).isGreaterThan(10);
        assertThat(store.path("synced_at").path("tasks").asText()).isNotBlank();

        Answer found = execute(server, t.token(), id, "tasks", "context_store_search", obj("query",
                obj("filter", obj("eq", obj("completed", false)), "sort", List.of(Map.of("name", "asc"))), "limit", 5,
                "fields", List.of("name", "completed")));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("result")).hasSize(5);
        assertThat(found.json().path("connector_metadata").path("has_more").asBoolean()).isTrue();
        assertThat(found.json().path("connector_metadata").path("synced_at").asText()).isNotBlank();
        Answer counted = execute(server, t.token(), id, "tasks", "context_store_aggregate",
                obj("group_by", List.of("completed")));
        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        assertThat(counted.json().path("result")).hasSize(2);
        Answer bad = execute(server, t.token(), id, "tasks", "context_store_search",
                obj("query", obj("filter", obj("equals", obj("name", "x")))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("did you mean 'eq'");

        // MCP clients of the service reach them too, offered in the tools (read-only tokens included)
        var client = mcpClient(scopedToken(t, ws, true), "");
        try {
            var tool = client.listTools().tools().get(0);
            assertThat(tool.description()).contains(" context_store_search: ").contains("meta.synced_at");
            assertThat(((Map<?, ?>) ((Map<?, ?>) tool.inputSchema().get("properties")).get("action")).get("enum"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("context_store_search", "context_store_aggregate");
            var r = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("asana_execute",
                    Map.of("entity", "projects", "action", "context_store_aggregate", "params", Map.of())));
            assertThat(r.isError()).as(r.toString()).isFalse();
            assertThat(toolJson(r).path("data").get(0).path("count").asLong()).isGreaterThan(0);
        } finally {
            client.closeGracefully();
        }

        // another tenant cannot reach these records
        Tenant stranger = tenant();
        assertThat(execute(server, stranger.token(), id, "tasks", "context_store_search", obj("query", obj()))
                .status()).isEqualTo(404);

        // deleting the connector deletes its records
        assertThat(http.delete(url(CONNECTORS + "/" + id), t.token()).status()).isEqualTo(200);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config().build().effectiveDbUrl());
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_records WHERE scope = ?")) {
            ps.setString(1, id);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }
}
