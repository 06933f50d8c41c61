package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ApiError;
import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns an HTTP response into records and meta, or into the typed exception for its status. */
final class ResponseReader {
    private final ConnectorSpec spec;
    private final ObjectMapper mapper;

    ResponseReader(ConnectorSpec spec, ObjectMapper mapper) {
        this.spec = spec;
        this.mapper = mapper;
    }

    /**
     * Records and meta of a successful response; throws {@link ApiException} for an error status, except when the
     * error's body carries one of the operation's meta fields (e.g. the fresh sync token of an expired one), which
     * then comes back as a failed result whose meta holds them.
     */
    ExecutionResult read(OperationSpec op, ApiResponse response) {
        byte[] body = response.bytes();
        if (response.status() < 200 || response.status() >= 300) {
            ApiException e = error(op.qualifiedName(), response, body);
            ObjectNode extra = op.metaFields().isEmpty() ? null : metaFields(op, parse(body), null);
            if (extra == null || extra.isEmpty()) {
                throw e;
            }
            return ExecutionResult.failure(e, extra);
        }
        JsonNode root = parse(body);
        if (root == null) {
            if (body.length == 0) {
                root = mapper.createObjectNode();
            } else {
                throw new ApiException(op.qualifiedName(), spec.title(), response.status(),
                        List.of(new ApiError("the answer was not JSON (" + response.header("Content-Type")
                                .orElse("no content type") + ")", null, null)), requestId(response));
            }
        }
        JsonNode records = root.get(spec.recordsField());
        if (records == null || records.isMissingNode()) {
            records = op.returnsList() ? mapper.createArrayNode() : NullNode.getInstance();
        }
        ObjectNode meta = null;
        if (op.returnsList()) {
            meta = mapper.createObjectNode();
            JsonNode next = spec.nextPageField() == null ? null : root.get(spec.nextPageField());
            meta.set("next_page", next == null ? NullNode.getInstance() : next);
        }
        if (!op.metaFields().isEmpty()) {
            meta = metaFields(op, root, meta);
        }
        return ExecutionResult.success(records, meta);
    }

    /** {@code meta} (created when null) with the operation's meta fields that {@code root} holds. */
    private ObjectNode metaFields(OperationSpec op, JsonNode root, ObjectNode meta) {
        ObjectNode out = meta == null ? mapper.createObjectNode() : meta;
        if (root != null && root.isObject()) {
            for (String f : op.metaFields()) {
                if (root.has(f)) {
                    out.set(f, root.get(f));
                }
            }
        }
        return out;
    }

    /** The typed exception for an error response, with the API's own messages and request id. */
    ApiException error(String operation, ApiResponse response, byte[] body) {
        List<ApiError> errors = new ArrayList<>();
        JsonNode root = parse(body);
        if (root != null && root.path("errors").isArray()) {
            for (JsonNode e : root.get("errors")) {
                errors.add(new ApiError(e.path("message").asText(null), e.path("help").asText(null),
                        e.path("phrase").asText(null)));
            }
        } else if (root != null && root.hasNonNull("message")) {
            errors.add(new ApiError(root.get("message").asText(), null, null));
        } else if (body.length > 0 && root == null) {
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
            errors.add(new ApiError(text.replaceAll("\\s+", " "), null, null));
        }
        return ApiException.of(operation, spec.title(), response.status(), errors, requestId(response),
                response.retryAfter().orElse(null));
    }

    private static String requestId(ApiResponse response) {
        return response.header("X-Request-Id").or(() -> response.header("X-Asana-Request-Id")).orElse(null);
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
