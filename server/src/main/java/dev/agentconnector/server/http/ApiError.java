package dev.agentconnector.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer: {@code {"error": {"code", "message"}}} with an HTTP status. Thrown by handlers; the message is
 * shown to the caller, so it must never hold a secret.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** 400 with a specific code. */
    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    /** 400 {@code invalid_request}: a field is missing, of the wrong type, or unknown. */
    public static ApiError invalid(String message) {
        return new ApiError(400, "invalid_request", message);
    }

    /** 404 {@code not_found}; also the answer for objects of other tenants, so existence never leaks. */
    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /** 401 with a {@code WWW-Authenticate} challenge. */
    public static ApiError unauthorized(String code, String message) {
        return new ApiError(401, code, message).header("WWW-Authenticate", "Bearer");
    }

    /** Adds a response header. */
    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON answer. */
    public Response toResponse() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        Response r = Response.json(status, body);
        headers.forEach(r::header);
        return r;
    }
}
