package dev.agentconnector.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link AsanaMcpServer} as one servlet answering streamable HTTP at {@link HttpOptions#PATH}: the checks and
 * JSON-RPC errors of the transport's front, its sessions (idle timeout, cap, keep-alive) and cancellation, then the
 * MCP SDK's transport. {@link HttpServer} serves one on its own port; a server with its own routes and
 * authentication (the execution service) mounts one per connector at {@code /mcp}. It needs async support where it
 * is mounted (event streams).
 */
public final class McpEndpoint extends HttpServlet implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient HttpServletStreamableServerTransportProvider transport;
    private final transient McpSyncServer server;
    private final transient HttpSessions sessions;
    private final transient StreamableHttpFilter front;
    private final AtomicBoolean closed = new AtomicBoolean();

    private McpEndpoint(HttpServletStreamableServerTransportProvider transport, McpSyncServer server,
                        HttpSessions sessions, StreamableHttpFilter front) {
        this.transport = transport;
        this.server = server;
        this.sessions = sessions;
        this.front = front;
    }

    /**
     * An endpoint for {@code mcp} with these session limits; {@code security} checks Origin and Host headers (see
     * {@link HttpServer} for the loopback rules; a server that authenticates every request may accept any).
     */
    public static McpEndpoint create(AsanaMcpServer mcp, SessionLimits limits,
                                     ServerTransportSecurityValidator security) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mcp.jsonMapper())
                .mcpEndpoint(HttpOptions.PATH)
                .securityValidator(security)
                // the transport's own sweep frees idle sessions when no request comes to end them (HttpSessions
                // ends them on time when requests do); it never ends one sooner than the idle timeout
                .sessionSweepInterval(limits.idleTimeout())
                .contextExtractor(request -> request.getAttribute(Cancellations.CONTEXT_KEY) instanceof String key
                        ? Cancellations.context(key) : McpTransportContext.EMPTY)
                .build();
        McpSyncServer server = mcp.build(transport);
        HttpSessions sessions = new HttpSessions(limits, (id, template) -> endSession(transport, id, template),
                System::nanoTime);
        StreamableHttpFilter front = new StreamableHttpFilter(HttpOptions.PATH, security, sessions,
                mcp.cancellations(), mcp.toolNames());
        return new McpEndpoint(transport, server, sessions, front);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        front.doFilter(request, response, (rq, rs) -> transport.service(rq, rs));
    }

    /** Sessions held now. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Ends every session (open event streams close); later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sessions.close();
            server.closeGracefully();
        }
    }

    /** Ends a session in the transport as its client's DELETE would (the answer goes nowhere). */
    private static void endSession(HttpServletStreamableServerTransportProvider transport, String id,
                                   HttpServletRequest template) {
        try {
            transport.service(new SessionDelete(template, id), DiscardedResponse.create());
        } catch (ServletException | IOException e) {
            throw new IllegalStateException("the session could not be ended", e);
        }
    }
}
