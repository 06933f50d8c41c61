package dev.agentconnector.server;

import com.sun.net.httpserver.HttpServer;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.HttpClients;
import dev.agentconnector.server.api.BearerAuth;
import dev.agentconnector.server.api.Routes;
import dev.agentconnector.server.api.ServerContext;
import dev.agentconnector.server.auth.AccessTokens;
import dev.agentconnector.server.auth.Revocations;
import dev.agentconnector.server.connectors.CredentialChecker;
import dev.agentconnector.server.connectors.CredentialVault;
import dev.agentconnector.server.connectors.ExecutorCache;
import dev.agentconnector.server.connectors.OAuthTokenClient;
import dev.agentconnector.server.crypto.MasterKey;
import dev.agentconnector.server.crypto.SecretBox;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.http.Frontend;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ApplicationStore;
import dev.agentconnector.server.store.ConnectorStore;
import dev.agentconnector.server.store.OAuthAppStore;
import dev.agentconnector.server.store.OAuthStateStore;
import dev.agentconnector.server.store.RedirectHostStore;
import dev.agentconnector.server.store.WorkspaceStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hosted connector execution service: a REST API over stored, encrypted Asana credentials that runs operations
 * with the local engine. Several instances may share one PostgreSQL database (and master key).
 *
 * <pre>{@code
 * try (AsanaAgentServer server = AsanaAgentServer.start(ServerConfig.builder().port(0).build())) {
 *     System.out.println(server.baseUrl());
 * }
 * }</pre>
 */
public final class AsanaAgentServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsanaAgentServer.class.getName());

    static {
        // Answers are written as a header write and a body write; without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs would add tens of milliseconds to each keep-alive request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerConfig config;
    private final HttpServer http;
    private final ExecutorService pool;
    private final Frontend frontend;
    private final Database db;
    private final ExecutorCache executors;
    private final String baseUrl;
    private boolean closed;

    private AsanaAgentServer(ServerConfig config, HttpServer http, ExecutorService pool, Frontend frontend,
                             Database db, ExecutorCache executors, String baseUrl) {
        this.config = config;
        this.http = http;
        this.pool = pool;
        this.frontend = frontend;
        this.db = db;
        this.executors = executors;
        this.baseUrl = baseUrl;
    }

    /** Opens (and migrates) the database, binds the port and starts serving. */
    public static AsanaAgentServer start(ServerConfig config) {
        MasterKey key = MasterKey.resolve(config.masterKey(), System.getenv(), config.dataDir());
        Database db = Database.open(config.effectiveDbUrl(), config.dbPoolSize(), "asana-agent-server");
        HttpServer http = null;
        ExecutorService pool = null;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
            int port = http.getAddress().getPort();
            String baseUrl = "http://" + urlHost(config.host()) + ":" + port;
            String publicUrl = config.publicUrl() != null ? config.publicUrl() : baseUrl;

            ServerMetrics metrics = new ServerMetrics();
            ConnectorOptions asana = ConnectorOptions.builder()
                    .baseUrl(config.asanaBaseUrl())
                    .tokenUrl(config.asanaTokenUrl())
                    .retryPolicy(config.asanaRetryPolicy())
                    .rateLimits(config.asanaRateLimits())
                    .maxRateLimitWait(config.rateLimitWait())
                    .maxRateLimitWaiting(config.rateLimitMaxWaiting())
                    // one pair of HTTP clients for every connector: shared pools and selector threads
                    .httpClients(HttpClients.create(java.time.Duration.ofSeconds(10)))
                    .clock(config.clock())
                    .userAgentSuffix("asana-agent-server")
                    .build();
            CredentialVault vault = new CredentialVault(new SecretBox(key.derive("asana-agent/credentials/v1")));
            AccessTokens tokens = new AccessTokens(key.derive("asana-agent/access-tokens/v1"), config.clock());
            OAuthTokenClient tokenClient = new OAuthTokenClient(config.asanaTokenUrl(), config.clock());
            ConnectorStore connectors = new ConnectorStore(db);
            ExecutorCache executors = new ExecutorCache(asana, db, connectors, vault, tokenClient, metrics,
                    config.clock(), config.maxCachedExecutors());
            String metricsToken = config.metricsToken() != null ? config.metricsToken()
                    : blankToNull(System.getenv("ASANA_AGENT_METRICS_TOKEN"));
            ApplicationStore applications = new ApplicationStore(db);
            ServerContext ctx = new ServerContext(config, config.clock(), db, applications,
                    new WorkspaceStore(db), connectors, new OAuthAppStore(db), new OAuthStateStore(db), new RedirectHostStore(db), vault, tokens,
                    new CredentialChecker(asana), executors, tokenClient, metrics, publicUrl, metricsToken);

            Frontend frontend = new Frontend(Routes.build(ctx), new BearerAuth(tokens,
                    new Revocations(applications, config.revocationCheckInterval())), metrics,
                    config.maxBodyBytes());
            metrics.gauge("asana_agent_http_requests_in_flight", "Requests being handled", frontend::inFlight);
            metrics.gauge("asana_agent_cached_executors", "Connector executors held in memory", executors::size);
            pool = workerPool(config.workerThreads());
            http.setExecutor(frontend.tracking(pool));
            http.createContext("/", frontend);
            http.start();
            LOG.log(System.Logger.Level.INFO, "asana-agent server listening on " + baseUrl + " (database "
                    + db.vendor().name().toLowerCase(java.util.Locale.ROOT) + ")");
            return new AsanaAgentServer(config, http, pool, frontend, db, executors, baseUrl);
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            if (http != null) {
                http.stop(0);
            }
            if (pool != null) {
                pool.shutdownNow();
            }
            db.close();
            throw e;
        }
    }

    private static ExecutorService workerPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "asana-agent-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The address this server answers at, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight finish (up to the configured shutdown
     * timeout), then releases the worker threads, executors and database pool.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long timeoutMillis = config.shutdownTimeout().toMillis();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        frontend.startDraining();
        // stop(delay) closes the listening socket at once and then waits; it only ends early when an exchange
        // finishes during the wait, so with nothing in flight (idle keep-alive connections only) it would sit out
        // the whole delay. It therefore runs aside, while our own count of requests in flight decides when the
        // drain is over; stop(0) then closes the remaining idle connections and ends both calls.
        Thread stopper = new Thread(() -> http.stop((int) Math.max(1, (timeoutMillis + 999) / 1000)),
                "asana-agent-http-stop");
        stopper.setDaemon(true);
        stopper.start();
        if (!frontend.awaitIdle(timeoutMillis)) {
            LOG.log(System.Logger.Level.WARNING, frontend.inFlight() + " request(s) still running after the "
                    + "shutdown timeout; stopping anyway");
        }
        http.stop(0);
        try {
            stopper.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executors.close();
        db.close();
        LOG.log(System.Logger.Level.INFO, "asana-agent server on " + baseUrl + " stopped");
    }

    @Override
    public String toString() {
        return "AsanaAgentServer[" + baseUrl + "]";
    }
}
