package dev.agentconnector.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to send: status, content type, body and extra headers. */
public final class Response {
    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** A JSON answer. */
    public static Response json(int status, JsonNode body) {
        try {
            return new Response(status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A plain-text answer (pages a browser shows during the OAuth flow). */
    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer in another format, e.g. Prometheus text. */
    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body);
    }

    /** A 302 redirect. */
    public static Response redirect(String location) {
        return text(302, "Redirecting to " + location + "\n").header("Location", location);
    }

    /**
     * Adds a header.
     *
     * @throws IllegalArgumentException when the name or value holds anything but visible ASCII (and spaces in the
     *                                  value): the HTTP layer writes header bytes as they are, so a CR, LF or a
     *                                  character whose low byte is one would split the response
     */
    public Response header(String name, String value) {
        if (name.isEmpty() || !visibleAscii(name, false) || !visibleAscii(value, true)) {
            throw new IllegalArgumentException("header " + name + " has characters outside visible ASCII");
        }
        headers.put(name, value);
        return this;
    }

    private static boolean visibleAscii(String s, boolean spaces) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c > 0x20 && c < 0x7f || spaces && c == ' ')) {
                return false;
            }
        }
        return true;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
