package dev.agentconnector.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in the platform's {@code ApiErrorResponse} shape,
 * {@code {"message", "errors": [{"field", "message", "error_code", "details"}]}}, with an HTTP status. Thrown by
 * handlers; the message and details are shown to the caller, so they must never hold a secret.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String field;
    private ObjectNode details;

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

    /** The request field the error is about. */
    public ApiError field(String name) {
        this.field = name;
        return this;
    }

    /** Machine-readable details of the error. */
    public ApiError details(ObjectNode d) {
        this.details = d;
        return this;
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
        body.put("message", getMessage());
        ObjectNode error = body.putArray("errors").addObject();
        if (field == null) {
            error.putNull("field");
        } else {
            error.put("field", field);
        }
        error.put("message", getMessage());
        error.put("error_code", code);
        error.set("details", details == null ? JsonNodeFactory.instance.objectNode() : details);
        Response r = Response.json(status, body);
        headers.forEach(r::header);
        return r;
    }
}
