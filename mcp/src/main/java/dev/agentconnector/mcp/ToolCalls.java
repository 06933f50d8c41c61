package dev.agentconnector.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.integrations.common.AsanaTool;
import dev.agentconnector.integrations.common.AsanaToolResult;
import dev.agentconnector.runtime.exec.CallEvents;
import dev.agentconnector.runtime.tool.ToolDescription;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a tool call into one call of the shared {@link AsanaTool} (the same call the framework adapters make) and
 * its envelope into an MCP tool result. Bad arguments, params the connector rejects, Asana's errors and read-only
 * refusals all come back as results with {@code isError: true} and the envelope's message, so the model can correct
 * the call; nothing here raises a protocol error.
 */
final class ToolCalls {
    private final AsanaConnector connector;
    private final McpServerOptions options;
    private final ObjectMapper mapper;
    private final AsanaTool tool;

    ToolCalls(AsanaConnector connector, McpServerOptions options, ObjectMapper mapper) {
        this.connector = connector;
        this.options = options;
        this.mapper = mapper;
        this.tool = AsanaTool.builder(connector).readOnly(options.readOnly())
                .maxResultChars(options.maxResultChars()).build();
    }

    /** A call of the single tool: {@code {entity, action, params}}. */
    CallToolResult execute(Map<String, Object> arguments) {
        return toResult(tool.call(arguments == null ? Map.of() : arguments));
    }

    /** A call of an entity's tool: {@code {action, params}}; the action may be left out when there is only one. */
    CallToolResult executeEntity(String entity, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        Object action = args.get("action");
        List<String> offered = new ArrayList<>();
        ToolDescription.visibleActions(connector.spec().entities().get(entity), options.readOnly())
                .forEach(op -> offered.add(op.action()));
        ToolDescription.visibleLocalActions(connector.spec(), entity, connector.localActions(), options.readOnly())
                .forEach(a -> offered.add(a.action()));
        if ((action == null || action.toString().isBlank()) && offered.size() == 1) {
            args.put("action", offered.get(0));
        }
        args.put("entity", entity);
        return toResult(tool.call(args));
    }

    /**
     * Sends what the engine reports during a call (retries, rate-limit waits, token renewals) to the client as
     * {@code notifications/message}, at {@code warning} for retries and {@code info} otherwise, under the client's
     * {@code logging/setLevel}.
     */
    static CallEvents.Listener notifier(McpSyncServerExchange exchange) {
        return (kind, message) -> exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                .level(kind == CallEvents.Kind.RETRY ? McpSchema.LoggingLevel.WARNING : McpSchema.LoggingLevel.INFO)
                .logger("asana-agent").data(message).build());
    }

    /** The result of a call cancelled before it started; transports drop it (a cancelled request gets no answer). */
    static CallToolResult cancelled() {
        return CallToolResult.builder().content(List.of(TextContent.builder("cancelled by the client").build()))
                .isError(true).build();
    }

    /** The envelope as JSON text and structured content; an error result when it reports a failure. */
    private CallToolResult toResult(AsanaToolResult result) {
        Map<String, Object> structured;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = mapper.readValue(result.json(), Map.class);
            structured = parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the tool produced invalid JSON", e);
        }
        return CallToolResult.builder()
                .content(List.of(TextContent.builder(result.json()).build()))
                .structuredContent(structured)
                .isError(result.error())
                .build();
    }
}
