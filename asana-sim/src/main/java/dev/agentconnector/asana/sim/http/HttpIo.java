package dev.agentconnector.asana.sim.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for reading requests from and writing replies to an {@link HttpExchange}. */
public final class HttpIo {
    private static final byte[] EMPTY = new byte[0];

    private HttpIo() {
    }

    /** Reads the whole request body. */
    public static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readAllBytes();
            return b.length == 0 ? EMPTY : b;
        }
    }

    /** Sends a reply with an exact Content-Length and closes the exchange. */
    public static void send(HttpExchange ex, Reply reply) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", reply.contentType());
        for (String[] kv : reply.headers()) {
            h.add(kv[0], kv[1]);
        }
        boolean head = "HEAD".equals(ex.getRequestMethod());
        int len = reply.length();
        ex.sendResponseHeaders(reply.status(), len == 0 || head ? -1 : len);
        if (len > 0 && !head) {
            OutputStream os = ex.getResponseBody();
            os.write(reply.body(), 0, len);
            os.close();
        }
        ex.close();
    }

    /** A plain-text reply. */
    public static Reply text(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new Reply(status, b, b.length, "text/plain; charset=UTF-8");
    }

    /** An HTML reply. */
    public static Reply html(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new Reply(status, b, b.length, "text/html; charset=UTF-8");
    }

    /** The scheme://host:port the client addressed, from the Host header, or the fallback. */
    public static String origin(HttpExchange ex, String fallback) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return host == null || host.isEmpty() ? fallback : "http://" + host;
    }
}
