package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.mcp.AsanaMcpServer;
import dev.agentconnector.mcp.JsonRpcHttpErrors;
import dev.agentconnector.mcp.McpEndpoint;
import dev.agentconnector.mcp.McpServerOptions;
import dev.agentconnector.mcp.SessionLimits;
import dev.agentconnector.mcp.ToolMode;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.connectors.AsanaDefinition;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Authenticator;
import dev.agentconnector.server.http.Request;
import dev.agentconnector.server.store.ConnectorRow;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * MCP (streamable HTTP) at {@code /mcp} on the execution service: the caller authenticates as on the REST API, with
 * a workspace-scoped token or an application token plus the workspace ({@code ?workspace_name=} or the
 * {@code X-Workspace-Name} header), and the tools act through that workspace's Asana connector with its stored
 * credentials. A read-only scoped token gets the read-only tools. Each connector (read-only or not) has its own MCP
 * endpoint and sessions; errors are JSON-RPC error objects.
 */
public final class HostedMcp extends HttpServlet implements AutoCloseable {
    private static final long serialVersionUID = 1L;
    /** Endpoints kept; beyond it the least recently used is closed (its sessions end; clients start new ones). */
    static final int MAX_ENDPOINTS = 1_000;
    /** The largest result budget a client may ask for. */
    static final int MAX_RESULT_CHARS = 1_000_000;

    private final transient ServerContext ctx;
    private final transient Authenticator auth;
    private final int maxBodyBytes;
    private final transient Map<String, McpEndpoint> endpoints = new LinkedHashMap<>(16, 0.75f, true);
    private final transient Map<McpEndpoint, AsanaConnector> connectors = new LinkedHashMap<>();
    private boolean closed;

    public HostedMcp(ServerContext ctx, Authenticator auth, int maxBodyBytes) {
        this.ctx = ctx;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        McpEndpoint endpoint;
        try {
            Principal p = auth.authenticate(new Request(req, Map.of(), maxBodyBytes));
            McpServerOptions options = options(req, p.readOnly());
            ConnectorRow row = connector(p, req);
            endpoint = endpoint(row, options);
        } catch (ApiError e) {
            e.toResponse().headers().forEach(res::setHeader);
            JsonRpcHttpErrors.write(res, e.status(), e.getMessage());
            return;
        }
        endpoint.service(req, res);
    }

    /**
     * The tool mode and result budget the URL asks for ({@code ?tools=per-entity}, {@code ?max_result_chars=N}), as
     * {@code asana-agent mcp} takes them; read-only for a read-only token.
     */
    private static McpServerOptions options(HttpServletRequest req, boolean readOnly) {
        McpServerOptions options = McpServerOptions.defaults().withReadOnly(readOnly);
        String tools = firstNonBlank(req.getParameter("tools"), null);
        if (tools != null) {
            try {
                options = options.withTools(ToolMode.parse(tools));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid_tools", "tools must be single or per-entity, got '"
                        + Names.clip(tools) + "'");
            }
        }
        String max = firstNonBlank(req.getParameter("max_result_chars"), null);
        if (max != null) {
            int n;
            try {
                n = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < McpServerOptions.MIN_MAX_RESULT_CHARS || n > MAX_RESULT_CHARS) {
                throw ApiError.badRequest("invalid_max_result_chars", "max_result_chars must be a whole number from "
                        + McpServerOptions.MIN_MAX_RESULT_CHARS + " to " + MAX_RESULT_CHARS + ", got '"
                        + Names.clip(max) + "'");
            }
            options = options.withMaxResultChars(n);
        }
        return options;
    }

    /** The one Asana connector of the caller's workspace. */
    private ConnectorRow connector(Principal p, HttpServletRequest req) {
        String asked = firstNonBlank(req.getParameter("workspace_name"), req.getHeader("X-Workspace-Name"));
        String workspace = p.workspaceName();
        if (workspace == null) {
            if (asked == null) {
                throw ApiError.badRequest("workspace_required", "an application token needs the workspace: add "
                        + "?workspace_name=<name> to the MCP URL (or send X-Workspace-Name), or use a scoped token");
            }
            workspace = asked;
        } else if (asked != null && !asked.equals(workspace)) {
            throw ApiError.notFound("this token is scoped to another workspace; drop workspace_name or use a token "
                    + "of that workspace");
        }
        String wanted = firstNonBlank(req.getParameter("connector_id"), null);
        List<ConnectorRow> rows = ctx.connectors().list(p.organizationId(), workspace, AsanaDefinition.DEFINITION_ID)
                .stream().filter(r -> wanted == null || r.id().equals(wanted)).toList();
        if (rows.isEmpty()) {
            throw ApiError.notFound("no " + AsanaDefinition.CONNECTOR_TYPE + " connector"
                    + (wanted == null ? "" : " '" + Names.clip(wanted) + "'") + " in workspace '"
                    + Names.clip(workspace) + "'; create one with POST /api/v1/integrations/connectors");
        }
        if (rows.size() > 1) {
            throw new ApiError(409, "ambiguous_connector", "workspace '" + Names.clip(workspace) + "' has "
                    + rows.size() + " connectors; add ?connector_id=<id> to the MCP URL to choose one");
        }
        return rows.get(0);
    }

    private McpEndpoint endpoint(ConnectorRow row, McpServerOptions options) {
        String key = row.id() + "/" + (options.readOnly() ? "read-only" : "read-write") + "/"
                + options.tools().label() + "/" + options.maxResultChars();
        McpEndpoint evicted = null;
        McpEndpoint endpoint;
        synchronized (this) {
            if (closed) {
                throw new ApiError(503, "shutting_down", "the server is shutting down; try again later");
            }
            endpoint = endpoints.get(key);
            if (endpoint == null) {
                AsanaConnector connector = new AsanaConnector(new StoredConnector(row.organizationId(), row.id(),
                        ctx), ConnectorOptions.defaults());
                endpoint = McpEndpoint.create(new AsanaMcpServer(connector, options), SessionLimits.defaults(),
                        headers -> { }); // every request is authenticated: any Origin and Host may call
                try {
                    endpoint.init(getServletConfig());
                } catch (ServletException e) {
                    connector.close();
                    throw new IllegalStateException("the MCP endpoint could not start", e);
                }
                endpoints.put(key, endpoint);
                connectors.put(endpoint, connector);
                if (endpoints.size() > MAX_ENDPOINTS) {
                    Map.Entry<String, McpEndpoint> eldest = endpoints.entrySet().iterator().next();
                    endpoints.remove(eldest.getKey());
                    evicted = eldest.getValue();
                }
            }
        }
        if (evicted != null) {
            close(evicted);
        }
        return endpoint;
    }

    private void close(McpEndpoint endpoint) {
        AsanaConnector connector;
        synchronized (this) {
            connector = connectors.remove(endpoint);
        }
        endpoint.close();
        if (connector != null) {
            connector.close();
        }
    }

    /** Ends every MCP session. */
    @Override
    public void close() {
        List<McpEndpoint> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(endpoints.values());
            endpoints.clear();
        }
        all.forEach(this::close);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    /**
     * Runs each call on the connector's current executor (the service's, with its stored credentials, limits and
     * renewals), read afresh so that edits and deletion take effect at once; the context store's actions are
     * answered from the connector's synced records, and offered to MCP clients with the rest (the tools' enums,
     * params and descriptions).
     */
    private record StoredConnector(String organizationId, String connectorId, ServerContext ctx,
                                   LocalActions localActions) implements Executor {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        StoredConnector(String organizationId, String connectorId, ServerContext ctx) {
            this(organizationId, connectorId, ctx, new StoreLocalActions((entity, action, params) ->
                    ctx.contextStore().run(connectorId, entity, action, params)));
        }

        @Override
        public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
            if (localActions.handles(entity, action)) {
                return localActions.run(entity, action, JSON.valueToTree(params));
            }
            return run(e -> e.execute(entity, action, params));
        }

        @Override
        public ExecutionResult execute(String entity, String action, JsonNode params) {
            if (localActions.handles(entity, action)) {
                return localActions.run(entity, action, params);
            }
            return run(e -> e.execute(entity, action, params));
        }

        private ExecutionResult run(Function<Executor, ExecutionResult> call) {
            return ctx.connectors().find(organizationId, connectorId)
                    .map(row -> call.apply(ctx.executors().get(row)))
                    .orElseGet(() -> ExecutionResult.failure(new ConfigurationException("connector '" + connectorId
                            + "' was deleted; reconnect to use the workspace's current connector")));
        }
    }
}
