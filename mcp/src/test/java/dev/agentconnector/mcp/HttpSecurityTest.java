package dev.agentconnector.mcp;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConfigurationException;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may reach the HTTP server: loopback by default, a bearer token otherwise, never a foreign web page. */
class HttpSecurityTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static AsanaSimulator sim;
    private static AsanaConnector connector;
    private static AsanaMcpServer mcp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sim = AsanaSimulator.builder().seed(42).build().start();
        connector = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl()).build());
        mcp = new AsanaMcpServer(connector, McpServerOptions.defaults());
    }

    @AfterAll
    static void stop() {
        connector.close();
        sim.close();
    }

    @Test
    void refusesANonLoopbackAddressWithoutAToken() {
        HttpOptions open = new HttpOptions("0.0.0.0", 0, null, List.of(), List.of());
        assertThat(open.isLoopback()).isFalse();
        assertThatThrownBy(() -> HttpServer.start(mcp, open)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("refusing to serve MCP on 0.0.0.0 without a bearer token")
                .hasMessageContaining(HttpOptions.TOKEN_ENV);
        assertThat(HttpOptions.loopback(0).isLoopback()).isTrue();
        assertThat(new HttpOptions("localhost", 0, null, null, null).isLoopback()).isTrue();
    }

    @Test
    void refusesAShortToken() {
        assertThatThrownBy(() -> HttpOptions.loopback(0).withToken("short"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 16 characters");
    }

    @Test
    void requiresTheBearerTokenOnEveryRequest() throws Exception {
        try (HttpServer server = HttpServer.start(mcp, HttpOptions.loopback(0).withToken(TOKEN))) {
            HttpResponse<String> missing = post(server, null, null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer"));
            // the body was not read, so the answer ends the connection rather than leave the client a dead one
            assertThat(missing.headers().firstValue("Connection")).hasValue("close");
            assertThat(missing.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                    + "\"message\":\"unauthorized: send the server's token as Authorization: Bearer <token>\"}}");
            assertThat(post(server, "Bearer wrong-token-0123456789", null).statusCode()).isEqualTo(401);
            assertThat(post(server, "Basic " + TOKEN, null).statusCode()).isEqualTo(401);
            assertThat(post(server, "Bearer " + TOKEN, null).statusCode()).isEqualTo(200);

            McpSyncClient client = HttpMcpTest.client(server, TOKEN);
            try {
                assertThat(client.listTools().tools()).hasSize(1);
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void servesBeyondLoopbackWithAToken() throws Exception {
        try (HttpServer server = HttpServer.start(mcp, new HttpOptions("0.0.0.0", 0, TOKEN, List.of(),
                List.of()))) {
            assertThat(post(server, null, null).statusCode()).isEqualTo(401);
            assertThat(post(server, "Bearer " + TOKEN, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rejectsForeignOriginsAndHosts() throws Exception {
        HttpOptions options = new HttpOptions("127.0.0.1", 0, null, List.of("https://app.example.com"), List.of());
        try (HttpServer server = HttpServer.start(mcp, options)) {
            assertThat(post(server, null, "http://evil.example.com").statusCode()).isEqualTo(403);
            assertThat(post(server, null, "https://app.example.com").statusCode()).isEqualTo(200);
            assertThat(post(server, null, "http://localhost:3000").statusCode()).isEqualTo(200);
            // a DNS-rebinding page reaches 127.0.0.1 under its own name, which arrives as the Host header
            assertThat(statusWithHost(server, "attacker.example:" + server.port())).isEqualTo(421);
            assertThat(statusWithHost(server, "localhost:" + server.port())).isEqualTo(200);
            assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/mcp");
        }
    }

    @Test
    void answersNotFoundBesideTheEndpoint() throws Exception {
        try (HttpServer server = HttpServer.start(mcp, HttpOptions.loopback(0))) {
            HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/admin"))
                    .GET().build();
            HttpResponse<String> r = http.send(other, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":");
        }
    }

    @Test
    void theHttpLayersOwnErrorsAreJsonRpcErrors() throws Exception {
        try (HttpServer server = HttpServer.start(mcp, HttpOptions.loopback(0))) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                        + "a".repeat(40_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 431").endsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                        + "{\"code\":-32600,\"message\":\"the request line and headers are larger than the limit of "
                        + "16384 bytes\"}}");
            }
        }
    }

    /** The status of an initialize POST sent over a raw socket, since the JDK client will not set Host. */
    private static int statusWithHost(HttpServer server, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private HttpResponse<String> post(HttpServer server, String authorization, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
