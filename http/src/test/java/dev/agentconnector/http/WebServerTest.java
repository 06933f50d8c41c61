package dev.agentconnector.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebServerTest {
    private static final ErrorBody JSON = (status, code, message) -> new ErrorBody.Rendered("application/json",
            ("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);

    /** Answers "ok", or after a second at /slow. */
    private final class Echo extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().equals("/slow")) {
                slowStarted.countDown();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            resp.setContentType("text/plain");
            resp.getOutputStream().write("ok".getBytes(StandardCharsets.UTF_8));
        }
    }

    private WebServer start(HttpLimits limits) {
        WebServer web = WebServer.start("127.0.0.1", 0, limits, JSON, "test-http",
                (context, port) -> context.addServlet(new ServletHolder(new Echo()), "/"));
        toClose.add(web);
        return web;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Socket socket(WebServer web) throws IOException {
        Socket s = new Socket("127.0.0.1", web.port());
        s.setSoTimeout(10_000);
        toClose.add(s);
        return s;
    }

    private static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException closedWhileReading) {
            // a reset after the answer: what was read is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aConnectionDribblingItsHeadersIsClosedAtTheHeaderDeadlineThoughItNeverFallsIdle() throws Exception {
        WebServer web = start(HttpLimits.builder().headerTimeout(Duration.ofMillis(1200))
                .idleTimeout(Duration.ofSeconds(30)).build());
        Socket s = socket(web);
        OutputStream out = s.getOutputStream();
        byte[] head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(
                StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        boolean closed = false;
        for (byte b : head) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException e) {
                closed = true;
                break;
            }
            Thread.sleep(200);
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!closed) {
            s.setSoTimeout(3000);
            closed = s.getInputStream().read() < 0;
        }
        assertThat(closed).as("closed by the server").isTrue();
        assertThat(elapsed).as("ms until closed, though a byte came every 200 ms").isBetween(1000L, 4000L);
    }

    @Test
    void aLongRequestIsNotCutAndAKeptAliveConnectionIsLeftToTheIdleTimeoutUntilANewHeadStarts() throws Exception {
        WebServer web = start(HttpLimits.builder().headerTimeout(Duration.ofMillis(500))
                .idleTimeout(Duration.ofMillis(2500)).build());
        Socket s = socket(web);
        InputStream in = s.getInputStream();
        // handling that outlasts the header timeout is not cut
        s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[4096];
        int n = in.read(answer);
        assertThat(new String(answer, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200").endsWith("ok");
        // kept alive with nothing pending: still open after three header timeouts
        Thread.sleep(1500);
        assertThat(web.openConnections()).isEqualTo(1);
        // the next head starts and stalls: cut by the header deadline, well before the idle timeout
        long start = System.nanoTime();
        s.getOutputStream().write("GET / HT".getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5000);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(400L, 2000L);
    }

    @Test
    void headersLargerThanTheCapAre431InTheCallersErrorFormat() throws Exception {
        WebServer web = start(HttpLimits.builder().maxRequestHeaderBytes(2048).build());
        Socket s = socket(web);
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String answer = readAll(s);
        assertThat(answer).startsWith("HTTP/1.1 431").contains("application/json")
                .contains("{\"code\":\"headers_too_large\",\"message\":\"the request line and headers are larger "
                        + "than the limit of 2048 bytes\"}");
    }

    @Test
    void aBadRequestLineIs400InTheCallersErrorFormatWithoutJettysWords() throws Exception {
        WebServer web = start(HttpLimits.defaults());
        for (String bad : List.of("GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")) {
            Socket s = socket(web);
            s.getOutputStream().write(bad.getBytes(StandardCharsets.ISO_8859_1));
            String answer = readAll(s);
            assertThat(answer).as(bad).matches("(?s)HTTP/1.1 (400|505) .*").contains("application/json")
                    .contains("\"code\":\"").doesNotContain("jetty", "Exception", "<html");
        }
    }

    @Test
    void aRequestJettyRefusesEndsItsConnectionAndSaysSo() throws Exception {
        WebServer web = start(HttpLimits.defaults());
        for (String path : List.of("/a/%00", "/a/%2F", "/a/%2e%2e/b", "/a/%zz")) {
            Socket s = socket(web);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII));
            String answer = readAll(s);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close")
                    .endsWith("{\"code\":\"bad_request\",\"message\":\"the request is not valid HTTP: check the "
                            + "request line, the headers and the URL's percent-encoding\"}");
        }
    }

    @Test
    void aStopLetsTheRequestInFlightFinishAndThenRefusesConnections() throws Exception {
        WebServer web = WebServer.start("127.0.0.1", 0, HttpLimits.defaults(), JSON, "test-http",
                (context, port) -> context.addServlet(new ServletHolder(new Echo()), "/"));
        int port = web.port();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
        web.close();
        assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("ok");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void beyondTheConnectionCapNewConnectionsWaitUntilOneCloses() throws Exception {
        WebServer web = start(HttpLimits.builder().maxConnections(3).build());
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket s = socket(web);
            s.getOutputStream().write('G');
            idle.add(s);
        }
        Thread.sleep(300);
        Socket waiting = socket(web);
        waiting.setSoTimeout(700);
        waiting.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(
                StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> waiting.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        idle.get(0).close();
        waiting.setSoTimeout(5000);
        assertThat(readAll(waiting)).startsWith("HTTP/1.1 200").endsWith("ok");
    }

    @Test
    void limitsRefuseNonsense() {
        assertThatThrownBy(() -> HttpLimits.builder().headerTimeout(Duration.ZERO).build())
                .hasMessageContaining("headerTimeout must be a positive duration");
        assertThatThrownBy(() -> HttpLimits.builder().maxConnections(0).build())
                .hasMessageContaining("maxConnections must be at least 1");
        assertThat(Durations.parse("500ms", "X")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10", "X")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m", "X")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> Durations.parse("ten\n", "--header-timeout"))
                .hasMessage("--header-timeout: expected a duration such as 500ms, 10s, 2m or 1h, got 'ten?'");
    }
}
