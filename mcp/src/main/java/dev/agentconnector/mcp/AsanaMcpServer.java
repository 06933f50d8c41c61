package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.runtime.Version;
import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.tool.ToolDescription;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import java.util.List;

/**
 * An MCP server over any {@link AsanaConnector} (local, hosted, or pointed at the simulator): its operations as MCP
 * tools, served over stdio ({@link StdioServer}) or streamable HTTP ({@link HttpServer}).
 *
 * <pre>{@code
 * var server = new AsanaMcpServer(connector, McpServerOptions.defaults().withReadOnly(true));
 * try (StdioServer stdio = StdioServer.start(server, System.in, System.out)) {
 *     stdio.awaitEndOfInput();
 * }
 * }</pre>
 */
public final class AsanaMcpServer {
    private final AsanaConnector connector;
    private final McpServerOptions options;
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final McpJsonMapper jsonMapper = new JacksonMcpJsonMapper(objectMapper);
    private final List<SyncToolSpecification> tools;
    private final Cancellations cancellations = new Cancellations();

    /** A server offering {@code connector} as the options say; the connector stays owned by the caller. */
    public AsanaMcpServer(AsanaConnector connector, McpServerOptions options) {
        if (connector == null || options == null) {
            throw new IllegalArgumentException("a connector and options are required");
        }
        this.connector = connector;
        this.options = options;
        this.tools = ConnectorTools.of(connector.spec(), connector.localActions(), options,
                new ToolCalls(connector, options, objectMapper), cancellations);
    }

    /** The options this server runs with. */
    public McpServerOptions options() {
        return options;
    }

    /** The tool definitions it offers (names, descriptions, schemas), in order. */
    public List<McpSchema.Tool> tools() {
        return tools.stream().map(SyncToolSpecification::tool).toList();
    }

    /** The names of the tools offered, for the transports to refuse others by name. */
    ToolNames toolNames() {
        return new ToolNames(tools.stream().map(t -> t.tool().name()).toList());
    }

    /** Tool calls in progress, for the transports to cancel. */
    Cancellations cancellations() {
        return cancellations;
    }

    /** The JSON mapper shared by the transports (Jackson 2). */
    McpJsonMapper jsonMapper() {
        return jsonMapper;
    }

    /** An MCP server over a single-session transport such as stdio. */
    McpSyncServer build(McpServerTransportProvider transport) {
        return configure(McpServer.sync(transport)).build();
    }

    /** An MCP server over the streamable HTTP transport. */
    McpSyncServer build(McpStreamableServerTransportProvider transport) {
        return configure(McpServer.sync(transport)).build();
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec) {
        return spec.serverInfo(connector.spec().name() + "-agent-connector", Version.VERSION)
                .instructions(instructions())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(objectMapper))
                // the connector checks params itself, with messages that name the fix and suggest names
                .validateToolInputs(false)
                .tools(tools);
    }

    private String instructions() {
        ConnectorSpec spec = connector.spec();
        String access = options.readOnly() ? " Read-only: create, update and delete are not offered." : "";
        List<String> local = ToolDescription.visibleLocalActions(spec, connector.localActions(), options.readOnly())
                .stream().map(LocalAction::action).distinct().toList();
        if (!local.isEmpty()) {
            access += " Also " + String.join(", ", local) + ", answered without calling the API (the "
                    + (options.tools() == ToolMode.SINGLE ? "tool's" : "tools'") + " description says when to "
                    + "prefer them).";
        }
        if (options.tools() == ToolMode.SINGLE) {
            return spec.title() + " through one tool, " + ConnectorTools.executeToolName(spec) + "(entity, action, "
                    + "params); its description lists every entity, action and param." + access;
        }
        return spec.title() + " through one tool per entity (" + ConnectorTools.entityToolName(spec, "<entity>")
                + "), each taking action and params; lists page with limit and offset=meta.next_page.offset, and "
                + "fields picks the returned fields." + access;
    }
}
