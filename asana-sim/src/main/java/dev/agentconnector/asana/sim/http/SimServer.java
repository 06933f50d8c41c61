package dev.agentconnector.asana.sim.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server with a fixed pool of worker threads and the simulator's contexts. */
public final class SimServer {
    static {
        // Small answers are written as separate header and body writes; without TCP_NODELAY, Nagle's algorithm
        // and delayed ACKs would add tens of milliseconds to every keep-alive request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;

    /** Binds the server (not yet serving) and registers the contexts. */
    public SimServer(String host, int port, int threads, HttpHandler api, HttpHandler oauth, HttpHandler files,
                     HttpHandler fallback) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "asana-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
        server.setExecutor(pool);
        server.createContext(ApiHandler.PREFIX + "/", api);
        server.createContext("/-/", oauth);
        server.createContext("/__files/", files);
        server.createContext("/", fallback);
    }

    /** Starts serving. */
    public void start() {
        server.start();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and closes all connections without waiting for in-flight exchanges. */
    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }
}
