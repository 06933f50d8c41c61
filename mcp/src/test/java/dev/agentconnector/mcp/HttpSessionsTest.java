package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamable HTTP sessions: event streams answer at once and hear keep-alive comments, idle sessions end, the cap
 * ends the session idle the longest (or refuses when all are busy), and {@code notifications/cancelled} aborts a tool
 * call's request to Asana with no answer sent for it.
 */
class HttpSessionsTest {
    private static final String BOTH = "application/json, text/event-stream";
    private static final String TOOL_CALL = "\"method\":\"tools/call\",\"params\":{\"name\":\"asana_execute\","
            + "\"arguments\":{\"entity\":\"workspaces\",\"action\":\"list\",\"params\":{}}}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static AsanaSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = AsanaSimulator.builder().seed(42).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void anEventStreamAnswersAtOnceAndHearsKeepAliveComments() throws Exception {
        SessionLimits limits = new SessionLimits(Duration.ofMinutes(10), 10, Duration.ofMillis(200));
        try (Running r = Running.on(sim.baseUrl(), limits);
             Socket socket = new Socket("127.0.0.1", r.server.port())) {
            String session = r.initialize();
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + r.server.port() + "\r\nAccept: text/event-stream\r\n"
                    + "Mcp-Session-Id: " + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            long start = System.nanoTime();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            List<String> lines = new ArrayList<>();
            int keepAlives = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (keepAlives < 3 && System.nanoTime() < deadline) {
                String line = in.readLine();
                lines.add(line);
                if (line.endsWith(": keep-alive")) {
                    keepAlives++;
                }
            }
            assertThat(keepAlives).as(lines.toString()).isEqualTo(3);
            assertThat(String.join("\n", lines)).containsIgnoringCase("content-type: text/event-stream")
                    .contains(": stream open");
            // the open stream keeps its session
            assertThat(r.post(session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void eventsOfAStreamAreNumbered() {
        StringWriter sink = new StringWriter();
        StreamableHttpFilter.EventWriter w = new StreamableHttpFilter.EventWriter(new PrintWriter(sink));
        for (int i = 0; i < 3; i++) {
            w.write("id: the-session-id\n");
            w.write("event: message\n");
            w.write("data: {}\n\n");
        }
        w.flush();
        assertThat(sink.toString()).contains("id: 1\n", "id: 2\n", "id: 3\n").doesNotContain("the-session-id");
        w.muted = true;
        w.write("data: dropped\n\n");
        w.flush();
        assertThat(sink.toString()).doesNotContain("dropped");
    }

    @Test
    void anIdleSessionEndsAndItsClientIsToldToStartAgain() throws Exception {
        SessionLimits limits = new SessionLimits(Duration.ofMillis(300), 10, Duration.ofSeconds(15));
        try (Running r = Running.on(sim.baseUrl(), limits)) {
            String idle = r.initialize();
            String active = r.initialize();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_600);
            while (System.nanoTime() < until) {
                assertThat(r.post(active, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode())
                        .isEqualTo(200);
                Thread.sleep(100);
            }
            HttpResponse<String> late = r.post(idle, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(late.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(late.body()).path("error").path("message").asText()).contains("initialize");
            assertThat(r.server.sessionCount()).isEqualTo(1);
        }
    }

    @Test
    void theCapEndsTheSessionIdleTheLongest() throws Exception {
        SessionLimits limits = new SessionLimits(Duration.ofMinutes(10), 2, Duration.ofSeconds(15));
        try (Running r = Running.on(sim.baseUrl(), limits)) {
            String first = r.initialize();
            String second = r.initialize();
            // the first is used again: the second is now idle the longest
            assertThat(r.post(first, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode())
                    .isEqualTo(200);
            String third = r.initialize();
            assertThat(r.server.sessionCount()).isEqualTo(2);
            assertThat(r.post(second, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode())
                    .isEqualTo(404);
            assertThat(r.post(first, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode())
                    .isEqualTo(200);
            assertThat(r.post(third, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aCancelledToolCallAbortsItsAsanaRequestAndGetsNoResult() throws Exception {
        try (HangingUpstream asana = new HangingUpstream();
             Running r = Running.on(asana.baseUrl(), new SessionLimits(Duration.ofMinutes(10), 1,
                     Duration.ofSeconds(15)))) {
            String session = r.initialize();
            CompletableFuture<HttpResponse<String>> call = r.postAsync(session,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"doomed\"," + TOOL_CALL);
            assertThat(asana.awaitRequest(10_000)).as("the call reached Asana").startsWith("GET ");
            // the only session is busy: a new one is refused, not squeezed in
            HttpResponse<String> full = r.send("POST", Map.of("Content-Type", "application/json", "Accept", BOTH),
                    Running.INITIALIZE);
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(full.body()).path("error").path("message").asText()).contains("too many sessions");

            HttpResponse<String> cancel = r.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                    + "\"params\":{\"requestId\":\"doomed\",\"reason\":\"changed my mind\"}}");
            assertThat(cancel.statusCode()).isEqualTo(202);
            assertThat(asana.awaitAbandoned(5_000)).as("the request to Asana is abandoned").startsWith("GET ");
            HttpResponse<String> answer = call.get(10, TimeUnit.SECONDS);
            assertThat(answer.body()).doesNotContain("\"result\"").doesNotContain("doomed");
            assertThat(asana.awaitRequest(500)).as("no second try").isNull();
        }
    }

    /** A server with these limits in front of a connector on {@code baseUrl}. */
    private record Running(AsanaConnector connector, HttpServer server) implements AutoCloseable {
        static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                + "\"version\":\"1\"}}}";

        static Running on(String baseUrl, SessionLimits limits) throws Exception {
            AsanaConnector connector = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                    sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(baseUrl)
                    .tokenUrl(sim.tokenUrl()).requestTimeout(Duration.ofSeconds(60)).build());
            return new Running(connector, HttpServer.start(new AsanaMcpServer(connector, McpServerOptions.defaults()),
                    HttpOptions.loopback(0).withSessions(limits)));
        }

        String initialize() throws Exception {
            HttpResponse<String> init = send("POST", Map.of("Content-Type", "application/json", "Accept", BOTH),
                    INITIALIZE);
            assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                    .isEqualTo(202);
            return session;
        }

        HttpResponse<String> post(String session, String body) throws Exception {
            return send("POST", headers(session), body);
        }

        CompletableFuture<HttpResponse<String>> postAsync(String session, String body) {
            return http.sendAsync(request("POST", headers(session), body), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, Map<String, String> headers, String body) throws Exception {
            return http.send(request(method, headers, body), HttpResponse.BodyHandlers.ofString());
        }

        private static Map<String, String> headers(String session) {
            Map<String, String> h = new HashMap<>(Map.of("Content-Type", "application/json", "Accept", BOTH));
            h.put("Mcp-Session-Id", session);
            return h;
        }

        private HttpRequest request(String method, Map<String, String> headers, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(b::header);
            return b.build();
        }

        @Override
        public void close() {
            server.close();
            connector.close();
        }
    }

}
