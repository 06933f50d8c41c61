package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The HTTP transport's error answers: a JSON-RPC error object, with {@code id: null} unless the request's id is known. */
public final class JsonRpcHttpErrors {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRpcHttpErrors() {
    }

    /** The JSON-RPC code that goes with an HTTP error status. */
    static int codeFor(int status) {
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }

    static byte[] body(int code, String message, JsonNode id) {
        ObjectNode root = JSON.createObjectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces whatever the response holds (it must not be committed) with a JSON-RPC error. */
    static void write(HttpServletResponse response, int status, int code, String message, JsonNode id)
            throws IOException {
        byte[] bytes = body(code, message, id);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /**
     * Answers {@code status} with a JSON-RPC error object ({@code id: null}, code -32603 for 5xx, else -32600) holding
     * {@code message}; the response must not be committed.
     */
    public static void write(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, codeFor(status), message, null);
    }

    /**
     * Refuses a request whose body has not been read: the answer ends the connection, so that a client reusing it
     * never meets a connection the server closes after answering (which the client would see as an empty response).
     */
    static void refuseUnread(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            response.setHeader("Connection", "close");
        }
        write(response, status, codeFor(status), message, null);
    }
}
