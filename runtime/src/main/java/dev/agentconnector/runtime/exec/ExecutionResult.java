package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.error.ValidationException;

import java.util.Optional;

/**
 * The envelope every call returns: {@code {"success", "data", "meta", "error"}}. Lists put an array in {@code data}
 * and the next page in {@code meta.next_page}; failures carry a message in {@code error}, a short description in
 * {@code meta} and the typed exception in {@link #exception()}.
 */
public final class ExecutionResult {
    private final boolean success;
    private final JsonNode data;
    private final ObjectNode meta;
    private final ConnectorException exception;
    private final Download download;

    private ExecutionResult(boolean success, JsonNode data, ObjectNode meta, ConnectorException exception,
                            Download download) {
        this.success = success;
        this.data = data == null ? NullNode.getInstance() : data;
        this.meta = meta;
        this.exception = exception;
        this.download = download;
    }

    /** A successful result. */
    public static ExecutionResult success(JsonNode data, ObjectNode meta) {
        return new ExecutionResult(true, data, meta, null, null);
    }

    /** A successful download: {@code data} describes the file, {@link #download()} streams it. */
    public static ExecutionResult download(JsonNode data, Download download) {
        return new ExecutionResult(true, data, null, null, download);
    }

    /** A failed result built from the exception that describes it. */
    public static ExecutionResult failure(ConnectorException e) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("error_type", e.errorType());
        if (e instanceof ApiException api) {
            meta.put("status", api.status());
            if (api.requestId() != null) {
                meta.put("request_id", api.requestId());
            }
        }
        if (e instanceof ValidationException v && v.param() != null) {
            meta.put("param", v.param());
        }
        return new ExecutionResult(false, null, meta, e, null);
    }

    /** A failed result whose meta also carries {@code extra} (e.g. a remote service's status and request id). */
    public static ExecutionResult failure(ConnectorException e, ObjectNode extra) {
        ExecutionResult r = failure(e);
        if (extra != null) {
            extra.fields().forEachRemaining(f -> {
                if (!r.meta.has(f.getKey())) {
                    r.meta.set(f.getKey(), f.getValue());
                }
            });
        }
        return r;
    }

    public boolean success() {
        return success;
    }

    /** Records (an array for lists, an object otherwise), or JSON null on failure. */
    public JsonNode data() {
        return data;
    }

    /** Pagination and other metadata, or null. */
    public ObjectNode meta() {
        return meta;
    }

    /** The error message, or null on success. */
    public String error() {
        return exception == null ? null : exception.getMessage();
    }

    /** The typed exception of a failure, or null on success. */
    public ConnectorException exception() {
        return exception;
    }

    /** The file stream of a successful download action. */
    public Optional<Download> download() {
        return Optional.ofNullable(download);
    }

    /** The offset token of the next page, if there is one. */
    public Optional<String> nextOffset() {
        if (meta == null) {
            return Optional.empty();
        }
        JsonNode next = meta.path("next_page");
        return next.hasNonNull("offset") ? Optional.of(next.get("offset").asText()) : Optional.empty();
    }

    /** {@link #data()} on success; otherwise throws the typed exception. */
    public JsonNode orThrow() {
        if (!success) {
            throw exception;
        }
        return data;
    }

    /** The envelope as JSON. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("success", success);
        o.set("data", data);
        o.set("meta", meta == null ? NullNode.getInstance() : meta);
        if (exception == null) {
            o.putNull("error");
        } else {
            o.put("error", exception.getMessage());
        }
        return o;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
