package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the MCP endpoint answers over HTTP is a JSON-RPC error object with the fitting status. */
class HttpErrorsTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final String BOTH = "application/json, text/event-stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AsanaSimulator sim;
    private static AsanaConnector connector;
    private static HttpServer server;
    private static String session;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sim = AsanaSimulator.builder().seed(42).build().start();
        connector = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl()).build());
        server = HttpServer.start(new AsanaMcpServer(connector, McpServerOptions.defaults()), HttpOptions.loopback(0));
        HttpResponse<String> init = send("POST", "/mcp", Map.of("Content-Type", "application/json", "Accept", BOTH),
                INITIALIZE);
        assertThat(init.statusCode()).isEqualTo(200);
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(send("POST", "/mcp", Map.of("Content-Type", "application/json", "Accept", BOTH,
                "Mcp-Session-Id", session), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .statusCode()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        server.close();
        connector.close();
        sim.close();
    }

    @Test
    void aPostWithoutSessionIsABadRequest() throws Exception {
        assertError(post(LIST, Map.of()), 400, -32600, "Mcp-Session-Id");
    }

    @Test
    void anUnknownSessionIsNotFound() throws Exception {
        Map<String, String> unknown = Map.of("Mcp-Session-Id", "no-such-session");
        assertError(post(LIST, unknown), 404, -32600, "initialize");
        assertError(send("GET", "/mcp", Map.of("Accept", "text/event-stream", "Mcp-Session-Id", "no-such-session"),
                null), 404, -32600, "unknown session");
        assertError(send("DELETE", "/mcp", unknown, null), 404, -32600, "unknown session");
    }

    @Test
    void getAndDeleteNeedTheSessionHeader() throws Exception {
        assertError(send("GET", "/mcp", Map.of("Accept", "text/event-stream"), null), 400, -32600, "Mcp-Session-Id");
        assertError(send("DELETE", "/mcp", Map.of(), null), 400, -32600, "Mcp-Session-Id");
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        assertError(post("{\"jsonrpc\":\"2.0\",", session()), 400, -32700, "not one well-formed JSON value");
        assertError(post("", session()), 400, -32700, "JSON");
        assertError(post(LIST + " {}", session()), 400, -32700, "one well-formed JSON value");
        assertError(post("[".repeat(5000) + "]".repeat(5000), session()), 400, -32700, "JSON");
    }

    @Test
    void jsonThatIsNoJsonRpcMessageIsAnInvalidRequest() throws Exception {
        assertError(post("[" + LIST + "]", session()), 400, -32600, "batches");
        assertError(post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", session()), 400, -32600, "2.0");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1}", session()), 400, -32600, "neither");
        assertError(post("\"hello\"", session()), 400, -32600, "JSON object");
    }

    @Test
    void aWrongContentTypeIsUnsupported() throws Exception {
        assertError(send("POST", "/mcp", Map.of("Content-Type", "text/plain", "Accept", BOTH), LIST), 415, -32600,
                "Content-Type: application/json");
    }

    @Test
    void aWrongAcceptIsNotAcceptable() throws Exception {
        assertError(send("POST", "/mcp", Map.of("Content-Type", "application/json", "Accept", "application/json"),
                LIST), 406, -32600, "text/event-stream");
        assertError(send("GET", "/mcp", Map.of("Accept", "application/json", "Mcp-Session-Id", session), null),
                406, -32600, "text/event-stream");
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> put = send("PUT", "/mcp", Map.of("Content-Type", "application/json"), LIST);
        assertError(put, 405, -32600, "GET, POST, DELETE");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
        assertError(send("TRACE", "/mcp", Map.of(), null), 405, -32600, "GET, POST, DELETE");
        assertError(send("OPTIONS", "/mcp", Map.of(), null), 405, -32600, "GET, POST, DELETE");
        HttpResponse<String> head = send("HEAD", "/mcp", Map.of(), null);
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        assertError(send("POST", "/mcp/", Map.of("Content-Type", "application/json", "Accept", BOTH), INITIALIZE),
                404, -32600, "/mcp");
        assertError(send("GET", "/", Map.of(), null), 404, -32600, "/mcp");
        assertError(send("GET", "/mcp/x", Map.of(), null), 404, -32600, "/mcp");
    }

    @Test
    void anUnsupportedProtocolVersionIsABadRequest() throws Exception {
        assertError(post(LIST, Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "1999-01-01")), 400,
                -32600, "2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25");
        assertThat(post(LIST, Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void toolCallsWithParamsOfTheWrongTypeAreInvalidParams() throws Exception {
        JsonNode params = assertRequestError(post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":5}", session()), 7, "\"params\" must be an object, got a number");
        assertThat(params).isNotNull();
        assertRequestError(post("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"asana\",\"arguments\":\"x\"}}", session()), "a", "\"params.arguments\" must be an "
                + "object of the tool's arguments, got a string");
        assertRequestError(post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{}}",
                session()), 8, "params.name");
        assertRequestError(post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":[1]}",
                session()), 9, "got an array");
    }

    @Test
    void anUnknownToolIsInvalidParamsNamingIt() throws Exception {
        assertRequestError(post("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"asana_exec\",\"arguments\":{}}}", session()), 11,
                "unknown tool 'asana_exec': this server offers asana_execute");
    }

    @Test
    void aBodyBeyondTheCapIsRefused() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "a".repeat(StreamableHttpFilter.MAX_BODY_BYTES) + "\"}}";
        assertError(post(big, session()), 413, -32600, "too large");
    }

    @Test
    void aForeignOriginIsForbidden() throws Exception {
        assertError(send("POST", "/mcp", Map.of("Content-Type", "application/json", "Accept", BOTH,
                "Origin", "http://evil.example.com"), INITIALIZE), 403, -32600, "Origin");
    }

    @Test
    void aTransportErrorIsReplacedToo() throws Exception {
        // well-formed JSON-RPC that the transport cannot read as a message (an initialize without usable params)
        HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":{}}}", Map.of());
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertErrorShape(r.body(), r.statusCode() >= 500 ? -32603 : -32600);
    }

    @Test
    void successfulAnswersStreamUntouched() throws Exception {
        HttpResponse<String> r = post(LIST, session());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("text/event-stream"));
        assertThat(r.body()).contains("data:").contains("\"tools\"");
    }

    @Test
    void rawSocketErrorsCarryNoImplementationDetail() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: " + BOTH
                    + "\r\nMcp-Session-Id: " + session + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertNoLeak(answer);
            assertErrorShape(answer.substring(answer.indexOf("\r\n\r\n") + 4), -32700);
        }
    }

    private static Map<String, String> session() {
        return Map.of("Mcp-Session-Id", session);
    }

    private static HttpResponse<String> post(String body, Map<String, String> extra) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
                "Accept", BOTH));
        headers.putAll(extra);
        return send("POST", "/mcp", headers, body);
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String messagePart)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        JsonNode error = assertErrorShape(r.body(), code);
        assertThat(error.path("id").isNull()).as(r.body()).isTrue();
        assertThat(error.path("error").path("message").asText()).contains(messagePart);
    }

    /** A request's own error answer: 200, application/json, -32602 with the request's id. */
    private static JsonNode assertRequestError(HttpResponse<String> r, Object id, String messagePart)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode error = assertErrorShape(r.body(), -32602);
        assertThat(error.get("id").isNumber() ? (Object) error.get("id").intValue() : error.get("id").asText())
                .isEqualTo(id);
        assertThat(error.path("error").path("message").asText()).contains(messagePart);
        return error;
    }

    private static JsonNode assertErrorShape(String body, int code) throws Exception {
        assertNoLeak(body);
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(json.has("id")).isTrue();
        assertThat(json.path("error").path("code").asInt()).as(body).isEqualTo(code);
        assertThat(json.path("error").path("message").asText()).isNotBlank();
        assertThat(json.path("error").size()).isEqualTo(2);
        return json;
    }

    private static void assertNoLeak(String text) {
        for (String s : List.of("Exception", "jetty", "Jetty", "java.", "\tat ", "\nat ", "stackTrace")) {
            assertThat(text).doesNotContain(s);
        }
        assertThat(text).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }
}
