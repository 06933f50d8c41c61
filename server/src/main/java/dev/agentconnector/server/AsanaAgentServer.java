package dev.agentconnector.server;

import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.SqlDialect;
import dev.agentconnector.http.ErrorBody;
import dev.agentconnector.http.WebServer;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.HttpClients;
import dev.agentconnector.server.api.BearerAuth;
import dev.agentconnector.server.api.HostedMcp;
import dev.agentconnector.server.api.Routes;
import dev.agentconnector.server.api.ServerContext;
import dev.agentconnector.server.auth.AccessTokens;
import dev.agentconnector.server.auth.Revocations;
import dev.agentconnector.server.connectors.CredentialChecker;
import dev.agentconnector.server.connectors.CredentialVault;
import dev.agentconnector.server.connectors.ExecutorCache;
import dev.agentconnector.server.connectors.HostedContextStore;
import dev.agentconnector.server.connectors.OAuthTokenClient;
import dev.agentconnector.server.crypto.MasterKey;
import dev.agentconnector.server.crypto.SecretBox;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Frontend;
import dev.agentconnector.server.http.Response;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ApplicationStore;
import dev.agentconnector.server.store.ConnectorStore;
import dev.agentconnector.server.store.OAuthAppStore;
import dev.agentconnector.server.store.OAuthStateStore;
import dev.agentconnector.server.store.RedirectHostStore;
import dev.agentconnector.server.store.WorkspaceStore;

import org.eclipse.jetty.ee10.servlet.ServletHolder;

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

    private final ServerConfig config;
    private final WebServer http;
    private final Database db;
    private final ExecutorCache executors;
    private final HostedMcp mcp;
    private final HostedContextStore contextStore;
    private final String baseUrl;
    private boolean closed;

    /** What building the front end made that the server must close: set while the HTTP server starts. */
    private static final class Parts {
        ExecutorCache executors;
        HostedMcp mcp;
        HostedContextStore contextStore;
    }

    private AsanaAgentServer(ServerConfig config, WebServer http, Database db, Parts parts, String baseUrl) {
        this.config = config;
        this.http = http;
        this.db = db;
        this.executors = parts.executors;
        this.mcp = parts.mcp;
        this.contextStore = parts.contextStore;
        this.baseUrl = baseUrl;
    }

    /** Opens (and migrates) the database, binds the port and starts serving. */
    public static AsanaAgentServer start(ServerConfig config) {
        MasterKey key = MasterKey.resolve(config.masterKey(), System.getenv(), config.dataDir());
        Database db = Database.open(config.effectiveDbUrl(), config.dbPoolSize(), "asana-agent-server");
        Parts parts = new Parts();
        try {
            WebServer http = WebServer.start(config.host(), config.port(), config.httpLimits(), AsanaAgentServer::error,
                    "asana-agent-http", (context, port) -> {
                        String publicUrl = config.publicUrl() != null ? config.publicUrl() : baseUrl(config, port);
                        Frontend frontend = frontend(config, key, db, publicUrl, parts);
                        context.addServlet(new ServletHolder("api", frontend), "/");
                        ServletHolder mcp = new ServletHolder("mcp", parts.mcp);
                        mcp.setAsyncSupported(true); // event streams
                        context.addServlet(mcp, "/mcp");
                    });
            String baseUrl = baseUrl(config, http.port());
            LOG.log(System.Logger.Level.INFO, "asana-agent server listening on " + baseUrl + " (database "
                    + db.vendor().name().toLowerCase(java.util.Locale.ROOT) + "; MCP at " + baseUrl + "/mcp)");
            return new AsanaAgentServer(config, http, db, parts, baseUrl);
        } catch (RuntimeException e) {
            if (parts.mcp != null) {
                parts.mcp.close();
            }
            if (parts.contextStore != null) {
                parts.contextStore.close();
            }
            if (parts.executors != null) {
                parts.executors.close();
            }
            db.close();
            throw e;
        }
    }

    private static Frontend frontend(ServerConfig config, MasterKey key, Database db, String publicUrl,
                                     Parts parts) {
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
        parts.executors = executors;
        String metricsToken = config.metricsToken() != null ? config.metricsToken()
                : blankToNull(System.getenv("ASANA_AGENT_METRICS_TOKEN"));
        ApplicationStore applications = new ApplicationStore(db);
        SqlDialect dialect = db.vendor() == Database.Vendor.POSTGRESQL ? SqlDialect.POSTGRES : SqlDialect.SQLITE;
        ContextStore.migrate(db.dataSource(), dialect);
        HostedContextStore contextStore = new HostedContextStore(new ContextStore(db.dataSource(), dialect), db,
                connectors, executors, metrics, config.clock(), new HostedContextStore.Settings(config.syncThreads(),
                config.syncInterval(), config.syncPoll(), config.syncLease()));
        parts.contextStore = contextStore;
        ServerContext ctx = new ServerContext(config, config.clock(), db, applications,
                new WorkspaceStore(db), connectors, new OAuthAppStore(db), new OAuthStateStore(db),
                new RedirectHostStore(db), vault, tokens, new CredentialChecker(asana), executors, tokenClient,
                metrics, publicUrl, metricsToken, contextStore);
        BearerAuth auth = new BearerAuth(tokens, new Revocations(applications, config.revocationCheckInterval()));
        Frontend frontend = new Frontend(Routes.build(ctx), auth, metrics, config.maxBodyBytes());
        parts.mcp = new HostedMcp(ctx, auth, config.maxBodyBytes());
        metrics.gauge("asana_agent_http_requests_in_flight", "Requests being handled", frontend::inFlight);
        metrics.gauge("asana_agent_cached_executors", "Connector executors held in memory", executors::size);
        return frontend;
    }

    /** The service's error shape for errors the HTTP layer raises itself (bad request line, headers too large). */
    private static ErrorBody.Rendered error(int status, String code, String message) {
        Response r = new ApiError(status, code, message).toResponse();
        return new ErrorBody.Rendered(r.contentType(), r.body());
    }

    private static String baseUrl(ServerConfig config, int port) {
        return "http://" + urlHost(config.host()) + ":" + port;
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
        return http.port();
    }

    /** The address this server answers at, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight finish (up to the configured shutdown
     * timeout; new requests on connections still open are answered 503), then releases the executors and the
     * database pool.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mcp.close(); // open event streams end first, so that the requests in flight can finish
            http.close();
        } finally {
            contextStore.close();
            executors.close();
            db.close();
        }
        LOG.log(System.Logger.Level.INFO, "asana-agent server on " + baseUrl + " stopped");
    }

    @Override
    public String toString() {
        return "AsanaAgentServer[" + baseUrl + "]";
    }
}
