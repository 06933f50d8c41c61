package dev.agentconnector.mcp;

import dev.agentconnector.http.ErrorBody;
import dev.agentconnector.http.HttpLimits;
import dev.agentconnector.http.WebServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link AsanaMcpServer} on MCP's streamable HTTP transport at {@code /mcp}, on the same embedded Jetty set-up as
 * the execution service ({@link WebServer}: header-read and idle timeouts, connection and header caps, the HTTP
 * layer's own errors as JSON-RPC error objects). Origin and Host
 * headers are checked against loopback (and the allowed extras), so a web page cannot drive a local server; a bearer
 * token, when set, is required on every request.
 */
public final class HttpServer implements AutoCloseable {
    private static final List<String> LOOPBACK_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");

    /** The HTTP defaults, with a short stop: open event streams end with their sessions, not with requests. */
    private static final HttpLimits LIMITS = HttpLimits.defaults().toBuilder()
            .stopTimeout(java.time.Duration.ofSeconds(5)).build();

    private final WebServer web;
    private final McpEndpoint endpoint;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServer(WebServer web, McpEndpoint endpoint, String host) {
        this.web = web;
        this.endpoint = endpoint;
        this.host = host;
    }

    /** Sessions held now. */
    public int sessionCount() {
        return endpoint.sessionCount();
    }

    /**
     * Binds and starts serving.
     *
     * @throws dev.agentconnector.runtime.error.ConfigurationException when bound beyond loopback without a token
     * @throws Exception                                               when the port cannot be bound
     */
    public static HttpServer start(AsanaMcpServer mcp, HttpOptions options) throws Exception {
        options.requireSafe();
        boolean loopback = options.isLoopback();
        List<String> origins = new ArrayList<>(LOOPBACK_ORIGINS);
        origins.addAll(options.allowedOrigins());
        List<String> hosts = new ArrayList<>(options.allowedHosts());
        if (loopback || !hosts.isEmpty()) {
            hosts.addAll(LOOPBACK_HOSTS);
        }
        DefaultServerTransportSecurityValidator security = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(origins).allowedHosts(hosts).build();
        McpEndpoint endpoint = McpEndpoint.create(mcp, options.sessions(), security);
        WebServer web;
        try {
            web = WebServer.start(options.host(), options.port(), LIMITS, HttpServer::jsonRpcError,
                    "asana-agent-mcp-http", (context, port) -> {
                        // every path: the endpoint answers any other than /mcp with a JSON-RPC 404
                        ServletHolder holder = new ServletHolder("mcp", endpoint);
                        holder.setAsyncSupported(true);
                        context.addServlet(holder, "/");
                        if (options.token() != null) {
                            context.addFilter(new FilterHolder(new BearerTokenFilter(options.token())), "/*",
                                    EnumSet.of(DispatcherType.REQUEST));
                        }
                    });
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        return new HttpServer(web, endpoint, options.host());
    }

    /** The HTTP layer's own errors (bad request line, headers too large) as a JSON-RPC error without an id. */
    private static ErrorBody.Rendered jsonRpcError(int status, String code, String message) {
        int rpcCode = status == 400 || status == 431 || status == 414 ? JsonRpcHttpErrors.INVALID_REQUEST
                : JsonRpcHttpErrors.INTERNAL_ERROR;
        return new ErrorBody.Rendered("application/json", JsonRpcHttpErrors.body(rpcCode, message, null));
    }

    /** The port bound (useful after asking for port 0). */
    public int port() {
        return web.port();
    }

    /** The MCP endpoint, e.g. {@code http://127.0.0.1:8765/mcp}. */
    public URI endpoint() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + HttpOptions.PATH);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        web.join();
    }

    /** Ends open sessions and stops listening; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            endpoint.close();
        } finally {
            web.close();
        }
    }
}
