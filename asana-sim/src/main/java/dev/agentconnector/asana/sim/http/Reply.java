package dev.agentconnector.asana.sim.http;

import dev.agentconnector.asana.sim.render.Json;

import java.util.ArrayList;
import java.util.List;

/** A complete HTTP answer: status, headers and body bytes. */
public final class Reply {
    /** JSON content type used by every API answer. */
    public static final String JSON = "application/json; charset=UTF-8";

    private final int status;
    private final byte[] body;
    private final int length;
    private final String contentType;
    private final List<String[]> headers = new ArrayList<>(2);

    /** Creates an answer whose body is {@code body[0..length)}. */
    public Reply(int status, byte[] body, int length, String contentType) {
        this.status = status;
        this.body = body;
        this.length = length;
        this.contentType = contentType;
    }

    /** A JSON answer rendered into the calling thread's buffer. */
    public static Reply json(int status, boolean pretty, Json.Body body) {
        Json.Bytes b = Json.render(body, pretty);
        return new Reply(status, b.array, b.length, JSON);
    }

    /** Adds a response header. */
    public Reply header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Backing array of the body. */
    public byte[] body() {
        return body;
    }

    /** Body length. */
    public int length() {
        return length;
    }

    /** Content type. */
    public String contentType() {
        return contentType;
    }

    /** Extra headers as name/value pairs. */
    public List<String[]> headers() {
        return headers;
    }
}
