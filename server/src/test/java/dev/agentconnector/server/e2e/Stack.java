package dev.agentconnector.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A simulator standing in for Asana, a service on a temporary SQLite database, and one organization with an app. */
final class Stack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final AsanaSimulator sim;
    final Path dataDir;
    final byte[] masterKey = new byte[32];
    final String clientId;
    final String clientSecret;
    final String organizationId;
    AsanaAgentServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Stack(ServerConfig.Builder extra) throws Exception {
        sim = AsanaSimulator.builder().seed(42).build().start();
        dataDir = Files.createTempDirectory("asana-agent-e2e");
        new SecureRandom().nextBytes(masterKey);
        server = AsanaAgentServer.start(config(extra));
        try (Admin admin = Admin.open(config(ServerConfig.builder()))) {
            String org = "org-" + UUID.randomUUID();
            organizationId = admin.createOrganization(org).get("organization_id").asText();
            JsonNode app = admin.createApplication(org, "e2e");
            clientId = app.get("client_id").asText();
            clientSecret = app.get("client_secret").asText();
        }
    }

    ServerConfig config(ServerConfig.Builder b) {
        return b.port(0).dataDir(dataDir).masterKey(masterKey).asanaBaseUrl(sim.baseUrl())
                .asanaTokenUrl(sim.tokenUrl()).asanaAuthorizeUrl(sim.authorizeUrl()).build();
    }

    String masterKeyBase64() {
        return Base64.getEncoder().encodeToString(masterKey);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** The application's access token. */
    String appToken() throws Exception {
        return post("/api/v1/account/applications/token", null,
                "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + clientSecret + "\"}")
                .get("access_token").asText();
    }

    JsonNode post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body).body();
    }

    HttpResponse<JsonNode> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), info -> HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8), s -> {
                    try {
                        return s.isEmpty() ? JSON.nullNode() : JSON.readTree(s);
                    } catch (Exception e) {
                        return JSON.getNodeFactory().textNode(s);
                    }
                }));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        sim.close();
    }
}
