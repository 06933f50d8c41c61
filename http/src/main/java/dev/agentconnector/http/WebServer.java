package dev.agentconnector.http;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.function.ObjIntConsumer;

/**
 * An embedded Jetty set up for a public address: {@link HttpLimits} enforced (header-read deadline, idle timeout,
 * connection cap, header-size cap), requests handed to servlets only once their head is complete, the server's own
 * errors written by the caller's {@link ErrorBody}, and a graceful {@link #close()} that lets requests in flight
 * finish. Nothing here sets a JVM-wide system property.
 *
 * <pre>{@code
 * try (WebServer web = WebServer.start("127.0.0.1", 0, HttpLimits.defaults(), errors, "api",
 *         (context, port) -> context.addServlet(new ServletHolder(api), "/"))) {
 *     System.out.println(web.port());
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final HeaderDeadline deadline;
    private final GracefulHandler graceful;
    private boolean closed;

    private WebServer(Server jetty, ServerConnector connector, HeaderDeadline deadline, GracefulHandler graceful) {
        this.jetty = jetty;
        this.connector = connector;
        this.deadline = deadline;
        this.graceful = graceful;
    }

    /**
     * Binds {@code host:port} (port 0 = any free port) and starts serving what {@code mount} adds to the servlet
     * context at {@code /}; {@code mount} runs once the port is bound and receives it.
     *
     * @param threadName prefix of the request threads' names
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static WebServer start(String host, int port, HttpLimits limits, ErrorBody errors, String threadName,
                                  ObjIntConsumer<ServletContextHandler> mount) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
        threads.setName(threadName);
        threads.setDaemon(true);
        Server jetty = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(512);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), jetty));

        OwnErrors ownErrors = new OwnErrors(errors, limits.maxRequestHeaderBytes());
        jetty.setErrorHandler(ownErrors);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(ownErrors);

        HeaderDeadline deadline = new HeaderDeadline(context, limits.headerTimeout().toMillis());
        connector.addBean(deadline);
        GracefulHandler graceful = new GracefulHandler(deadline);
        jetty.setHandler(graceful);
        jetty.setStopTimeout(limits.stopTimeout().toMillis());
        jetty.setStopAtShutdown(false);
        try {
            connector.open();
            mount.accept(context, connector.getLocalPort());
            jetty.start();
        } catch (Exception e) {
            deadline.close();
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // the start failure is the news
            }
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": the address is in use "
                        + "or not available here", new BindException(e.getMessage()));
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the HTTP server could not start on " + host + ":" + port, e);
        }
        return new WebServer(jetty, connector, deadline, graceful);
    }

    /** The bound port (useful after asking for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Connections open now. */
    public int openConnections() {
        return deadline.openConnections();
    }

    /** Requests being handled now. */
    public long requestsInFlight() {
        return graceful.getCurrentRequestCount();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops gracefully: the port closes at once, requests in flight finish (up to the stop timeout), new requests on
     * connections still open are answered 503; then every connection is closed. Later calls do nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed", e);
        } finally {
            deadline.close();
        }
    }
}
