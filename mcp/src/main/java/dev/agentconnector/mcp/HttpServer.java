package dev.agentconnector.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link AsanaMcpServer} on MCP's streamable HTTP transport at {@code /mcp}, in an embedded Jetty. Origin and Host
 * headers are checked against loopback (and the allowed extras), so a web page cannot drive a local server; a bearer
 * token, when set, is required on every request.
 */
public final class HttpServer implements AutoCloseable {
    private static final List<String> LOOPBACK_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");

    private final Server jetty;
    private final McpSyncServer server;
    private final ServerConnector connector;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServer(Server jetty, McpSyncServer server, ServerConnector connector) {
        this.jetty = jetty;
        this.server = server;
        this.connector = connector;
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
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mcp.jsonMapper())
                .mcpEndpoint(HttpOptions.PATH)
                .httpHeaderValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedOrigins(origins).allowedHosts(hosts).build())
                .build();
        McpSyncServer server = mcp.build(transport);

        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, HttpOptions.PATH);
        if (options.token() != null) {
            context.addFilter(new FilterHolder(new BearerTokenFilter(options.token())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        jetty.setHandler(context);
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            jetty.stop();
            throw e;
        }
        return new HttpServer(jetty, server, connector);
    }

    /** The port bound (useful after asking for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The MCP endpoint, e.g. {@code http://127.0.0.1:8765/mcp}. */
    public URI endpoint() {
        String host = connector.getHost();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + HttpOptions.PATH);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Ends open sessions and stops listening; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.closeGracefully();
        } finally {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the MCP HTTP server failed", e);
            }
        }
    }
}
