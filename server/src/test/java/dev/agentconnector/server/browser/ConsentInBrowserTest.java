package dev.agentconnector.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OAuth consent flow in headless Chromium: initiate, the simulator's authorize page, Allow, our callback, and the
 * redirect to the application's page with a connector id that then executes.
 */
class ConsentInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode post(String url, String token, String body, String method) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    @Test
    void consentInABrowserCreatesAConnectorThatExecutes() throws Exception {
        assumeTrue(WebDriver.available(), "Chromium is not installed: apt-get install chromium chromium-driver "
                + "(.ci/run installs them)");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path data = Files.createTempDirectory("consent");
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/connected", ex -> {
            byte[] page = ("<html><body><h1>Connected</h1><p id=query>" + ex.getRequestURI().getQuery()
                    + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        app.start();
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start();
             AsanaAgentServer server = AsanaAgentServer.start(ServerConfig.builder().port(0).dataDir(data)
                     .masterKey(key).asanaBaseUrl(sim.baseUrl()).asanaTokenUrl(sim.tokenUrl())
                     .asanaAuthorizeUrl(sim.authorizeUrl()).build());
             WebDriver browser = WebDriver.start()) {
            String clientId;
            String clientSecret;
            try (Admin admin = Admin.open(ServerConfig.builder().dataDir(data).masterKey(key).build())) {
                String org = "org-" + UUID.randomUUID();
                admin.createOrganization(org);
                JsonNode application = admin.createApplication(org, "consent");
                clientId = application.get("client_id").asText();
                clientSecret = application.get("client_secret").asText();
            }
            String api = server.baseUrl();
            String token = post(api + "/api/v1/account/applications/token", null,
                    "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + clientSecret + "\"}", "POST")
                    .get("access_token").asText();
            post(api + "/api/v1/oauth/credentials", token, "{\"connector_type\":\"Asana\",\"configuration\":"
                    + "{\"client_id\":\"" + sim.clientId() + "\",\"client_secret\":\"" + sim.clientSecret() + "\"}}",
                    "PUT");
            String redirect = "http://127.0.0.1:" + app.getAddress().getPort() + "/connected";
            String consentUrl = post(api + "/api/v1/integrations/connectors/oauth/initiate", token,
                    "{\"workspace_name\":\"browser-customer\",\"connector_type\":\"Asana\",\"redirect_url\":\""
                            + redirect + "\",\"name\":\"From the browser\"}", "POST").get("consent_url").asText();
            assertThat(consentUrl).startsWith(sim.authorizeUrl());

            browser.open(consentUrl);
            browser.click("#allow");
            String landed = browser.awaitUrl(redirect, Duration.ofSeconds(20));
            if (!landed.startsWith(redirect)) {
                browser.screenshot(data.resolve("consent-failure.png"));
            }
            assertThat(landed).as("browser ended at " + landed).startsWith(redirect + "?connector_id=");
            assertThat(browser.pageText()).contains("Connected");
            String connectorId = landed.substring(landed.indexOf("connector_id=") + "connector_id=".length())
                    .split("&")[0];

            JsonNode result = post(api + "/api/v1/integrations/connectors/" + connectorId + "/execute", token,
                    "{\"entity\":\"users\",\"action\":\"get\",\"params\":{\"user_gid\":\"me\"}}", "POST");
            assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("success");
            assertThat(result.get("result").get("gid").asText()).isEqualTo(sim.fixtures().meGid());
        } finally {
            app.stop(0);
        }
    }
}
