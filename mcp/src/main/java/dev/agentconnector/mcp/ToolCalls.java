package dev.agentconnector.mcp;

import dev.agentconnector.integrations.common.ResultBudget;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.tool.ToolDescription;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a tool call into one {@code execute} and its envelope into a tool result. Bad arguments, params the connector
 * rejects, Asana's errors and read-only refusals all come back as results with {@code isError: true} and the
 * envelope's message, so the model can correct the call; nothing here raises a protocol error.
 */
final class ToolCalls {
    private static final Logger LOG = Logger.getLogger(ToolCalls.class.getName());

    private final AsanaConnector connector;
    private final ConnectorSpec spec;
    private final McpServerOptions options;
    private final ObjectMapper mapper;
    private final ResultBudget budget;

    ToolCalls(AsanaConnector connector, McpServerOptions options, ObjectMapper mapper) {
        this.connector = connector;
        this.spec = connector.spec();
        this.options = options;
        this.mapper = mapper;
        this.budget = new ResultBudget(mapper, options.maxResultChars());
    }

    /** A call of the single tool: {@code {entity, action, params}}. */
    CallToolResult execute(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        return run(text(args.get("entity")), text(args.get("action")), args.get("params"));
    }

    /** A call of an entity's tool: {@code {action, params}}; the action may be left out when there is only one. */
    CallToolResult executeEntity(String entity, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        String action = text(args.get("action"));
        List<OperationSpec> offered = ToolDescription.visibleActions(spec.entities().get(entity), options.readOnly());
        if ((action == null || action.isBlank()) && offered.size() == 1) {
            action = offered.get(0).action();
        }
        return run(entity, action, args.get("params"));
    }

    private CallToolResult run(String entity, String action, Object params) {
        Map<String, Object> paramMap;
        try {
            paramMap = params(entity, action, params);
        } catch (ValidationException e) {
            return toResult(ExecutionResult.failure(e).toJson());
        }
        OperationSpec op = known(entity, action);
        if (op != null && op.isWrite() && options.readOnly()) {
            return toResult(refusal(op));
        }
        try {
            ExecutionResult result = connector.execute(entity, action, paramMap);
            if (result.success() && result.download().isPresent()) {
                return toResult(withFile(op, result));
            }
            return toResult(result.toJson());
        } catch (RuntimeException e) {
            // the connector reports its own failures in the envelope; anything else is a fault of this server
            LOG.log(Level.WARNING, "tool call " + entity + "." + action + " failed", e);
            ObjectNode envelope = envelope("internal_error", (entity + "." + action + ": the call failed inside "
                    + "the server (" + e.getClass().getSimpleName() + "); it may be retried"));
            return toResult(envelope);
        }
    }

    /** The params as a map: a JSON object, a string holding one (as some models send), or nothing. */
    private Map<String, Object> params(String entity, String action, Object params) {
        Object value = params;
        if (value instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            try {
                value = mapper.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                throw new ValidationException(entity, action, "params", "params must be a JSON object, got a string "
                        + "that is not JSON: " + abbreviate(s));
            }
        }
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValidationException(entity, action, "params", "params must be a JSON object such as "
                    + "{\"limit\": 10}, got " + abbreviate(String.valueOf(value)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private OperationSpec known(String entity, String action) {
        EntitySpec e = entity == null ? null : spec.entities().get(entity);
        return e == null || action == null ? null : e.actions().get(action);
    }

    private ObjectNode refusal(OperationSpec op) {
        List<String> reads = ToolDescription.visibleActions(spec.entities().get(op.entity()), true).stream()
                .map(OperationSpec::action).toList();
        return envelope("read_only", op.qualifiedName() + ": refused in read-only mode: this server does not "
                + "create, update or delete anything" + (reads.isEmpty() ? "" : "; " + op.entity()
                + " offers here: " + String.join(", ", reads)));
    }

    /** The download's metadata plus its content, as text or base64, when it fits the budget. */
    private ObjectNode withFile(OperationSpec op, ExecutionResult result) {
        ObjectNode envelope = result.toJson();
        try (Download d = result.download().orElseThrow()) {
            boolean text = isText(d.contentType());
            int room = Math.max(0, options.maxResultChars() - budget.write(envelope).length() - 100);
            int maxBytes = text ? room : room / 4 * 3;
            if (d.contentLength() > maxBytes) {
                return tooLarge(op, d.contentLength(), maxBytes);
            }
            byte[] bytes = readAtMost(d.stream(), maxBytes + 1);
            if (bytes.length > maxBytes) {
                return tooLarge(op, -1, maxBytes);
            }
            ObjectNode data = (ObjectNode) envelope.get("data");
            data.put("bytes", bytes.length);
            if (text) {
                data.put("content_text", new String(bytes, StandardCharsets.UTF_8));
            } else {
                data.put("content_base64", Base64.getEncoder().encodeToString(bytes));
            }
            return envelope;
        } catch (IOException e) {
            return envelope("transport_error", op.qualifiedName() + ": reading the file failed: " + e.getMessage());
        }
    }

    private ObjectNode tooLarge(OperationSpec op, long size, int maxBytes) {
        return envelope("result_too_large", op.qualifiedName() + ": the file" + (size >= 0 ? " (" + size
                + " bytes)" : "") + " is larger than this server returns in one result (" + maxBytes
                + " bytes); fetch it in parts with range_header, e.g. \"bytes=0-" + Math.max(0, maxBytes - 1) + "\"");
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static boolean isText(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml");
    }

    private ObjectNode envelope(String errorType, String message) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("success", false);
        o.putNull("data");
        o.putObject("meta").put("error_type", errorType);
        o.put("error", message);
        return o;
    }

    /** The envelope as JSON text and structured content, cut to the budget; an error when it is a failure. */
    private CallToolResult toResult(ObjectNode envelope) {
        ResultBudget.Fitted fitted = budget.fit(envelope);
        boolean failed = !fitted.envelope().path("success").asBoolean(false)
                || (fitted.cut() && fitted.envelope().path("data").isNull());
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = mapper.convertValue(fitted.envelope(), Map.class);
        return CallToolResult.builder()
                .content(List.of(TextContent.builder(fitted.json()).build()))
                .structuredContent(structured)
                .isError(failed)
                .build();
    }

    private static String text(Object o) {
        return o == null ? null : o instanceof JsonNode n ? n.asText() : o.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
}
