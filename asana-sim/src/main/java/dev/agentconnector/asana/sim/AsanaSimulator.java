package dev.agentconnector.asana.sim;

import dev.agentconnector.asana.sim.api.ApiRoutes;
import dev.agentconnector.asana.sim.api.Pagination;
import dev.agentconnector.asana.sim.auth.OAuthApp;
import dev.agentconnector.asana.sim.auth.OAuthEndpoints;
import dev.agentconnector.asana.sim.auth.TokenRegistry;
import dev.agentconnector.asana.sim.data.Dataset;
import dev.agentconnector.asana.sim.data.DatasetGenerator;
import dev.agentconnector.asana.sim.files.FileEndpoint;
import dev.agentconnector.asana.sim.files.UrlSigner;
import dev.agentconnector.asana.sim.http.ApiHandler;
import dev.agentconnector.asana.sim.http.ConcurrencyLimiter;
import dev.agentconnector.asana.sim.http.ErrorReplies;
import dev.agentconnector.asana.sim.http.FallbackHandler;
import dev.agentconnector.asana.sim.http.Faults;
import dev.agentconnector.asana.sim.http.RateLimiter;
import dev.agentconnector.asana.sim.http.SimServer;
import dev.agentconnector.asana.sim.http.StatsRecorder;
import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.model.PatternContent;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A local HTTP server that behaves like Asana's REST API over a deterministic in-memory dataset.
 *
 * <p>Typical use: {@code try (AsanaSimulator sim = AsanaSimulator.builder().seed(7).build().start()) { ... }}.
 */
public final class AsanaSimulator implements AutoCloseable {
    private final String host;
    private final int requestedPort;
    private final int threads;
    private final Dataset data;
    private final Store store;
    private final TokenRegistry tokens;
    private final OAuthApp app;
    private final String personalAccessToken;
    private final String refreshToken;
    private final StatsRecorder statsRecorder = new StatsRecorder();
    private final Faults faults;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final ConcurrencyLimiter concurrency;
    private final ErrorReplies errors;
    private final UrlSigner signer;
    private final Pagination pagination;
    private final OAuthEndpoints oauth;
    private final SimControl control;
    private final SimStats stats;
    private final SimFixtures fixtures;
    private SimServer server;
    private int port = -1;

    private AsanaSimulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.threads = b.threads;
        this.data = DatasetGenerator.generate(b.seed, b.scale, b.tasksPerProject);
        this.store = data.store;
        this.tokens = new TokenRegistry(b.seed, b.accessTokenTtl);
        this.personalAccessToken = tokens.newPersonalAccessToken(data.meGid);
        this.app = new OAuthApp("Asana Simulator Test App", tokens.seededDigits(16), tokens.seededHex(32));
        this.refreshToken = tokens.newSeededRefreshToken(data.meGid, app.clientId);
        this.faults = new Faults(b.seed);
        this.concurrency = new ConcurrencyLimiter(statsRecorder);
        this.errors = new ErrorReplies(b.seed);
        this.signer = new UrlSigner(b.seed, b.downloadUrlTtl.toSeconds());
        this.pagination = new Pagination(b.seed);
        this.oauth = new OAuthEndpoints(tokens, app, data.meGid, this::nameAndEmail, statsRecorder, faults);
        this.control = new SimControl(faults, rateLimiter, concurrency, tokens, oauth, b.accessTokenTtl,
                store.events);
        this.stats = new SimStats(statsRecorder);
        this.fixtures = new SimFixtures(data);
    }

    /** A builder with the defaults: seed 42, scale 1, 24 tasks per project, random port on 127.0.0.1, 64 threads. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this. */
    public synchronized AsanaSimulator start() {
        if (server != null) {
            return this;
        }
        String fallbackOrigin = "http://" + hostForUrls() + ":" + requestedPort;
        ApiHandler api = new ApiHandler(ApiRoutes.build(store, pagination), tokens::authenticate, statsRecorder,
                faults, rateLimiter, concurrency, errors, fallbackOrigin, (origin, a) -> signer.url(origin, a.gid));
        FileEndpoint files = new FileEndpoint(signer, gid -> store.read(() -> store.attachments.get(gid)),
                statsRecorder);
        SimServer s = new SimServer(host, requestedPort, threads, api, oauth, files, new FallbackHandler(errors));
        s.start();
        server = s;
        port = s.port();
        return this;
    }

    /** Stops the server quickly; in-flight requests are abandoned. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The bound port (after {@link #start()}). */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("the simulator has not been started");
        }
        return port;
    }

    private String hostForUrls() {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    /** The server origin, e.g. {@code http://127.0.0.1:8089}. */
    public String origin() {
        return "http://" + hostForUrls() + ":" + port();
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:8089/api/1.0}. */
    public String baseUrl() {
        return origin() + "/api/1.0";
    }

    /** The OAuth token endpoint URL. */
    public String tokenUrl() {
        return origin() + "/-/oauth_token";
    }

    /** The OAuth authorization (consent page) URL. */
    public String authorizeUrl() {
        return origin() + "/-/oauth_authorize";
    }

    /** A personal access token of the default user (deterministic for the seed). */
    public String personalAccessToken() {
        return personalAccessToken;
    }

    /** The client id of the registered OAuth app. */
    public String clientId() {
        return app.clientId;
    }

    /** The client secret of the registered OAuth app. */
    public String clientSecret() {
        return app.clientSecret;
    }

    /** A valid refresh token of the default user for the registered app. */
    public String refreshToken() {
        return refreshToken;
    }

    /** The premium organization (search works there). */
    public String workspaceGid() {
        return data.workspaceGid;
    }

    /** A free personal workspace (search answers 402 there). */
    public String freeWorkspaceGid() {
        return data.freeWorkspaceGid;
    }

    /** Well-known gids of the dataset. */
    public SimFixtures fixtures() {
        return fixtures;
    }

    /** Runtime knobs: limits, latency, failures, tokens. */
    public SimControl control() {
        return control;
    }

    /** Request counters. */
    public SimStats stats() {
        return stats;
    }

    /** Mints a fresh OAuth access token for the default user. */
    public String issueAccessToken() {
        return tokens.issueAccessToken(data.meGid);
    }

    /**
     * Attaches a file of {@code sizeBytes} bytes to a task; its content follows {@link #expectedByte(long)} and is
     * generated while streaming, never held in memory. Returns the attachment gid.
     */
    public String addLargeAttachment(String parentTaskGid, String name, long sizeBytes) {
        Objects.requireNonNull(name, "name");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
        return store.write(() -> {
            Task t = store.tasks.get(parentTaskGid);
            if (t == null) {
                throw new IllegalArgumentException("unknown task " + parentTaskGid);
            }
            Attachment a = new Attachment(store.newGid(), name, t, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    contentType(name), new PatternContent(sizeBytes));
            store.add(a);
            return a.gid;
        });
    }

    /** The byte at {@code index} of every large attachment: {@code (index * 31 + 7) & 0xff}. */
    public static byte expectedByte(long index) {
        return PatternContent.byteAt(index);
    }

    private String[] nameAndEmail(String userGid) {
        return store.read(() -> {
            User u = store.users.get(userGid);
            return u == null ? new String[] {"", ""} : new String[] {u.name, u.email};
        });
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        switch (dot < 0 ? "" : n.substring(dot + 1)) {
            case "txt": return "text/plain";
            case "csv": return "text/csv";
            case "json": return "application/json";
            case "png": return "image/png";
            case "jpg":
            case "jpeg": return "image/jpeg";
            case "gif": return "image/gif";
            case "pdf": return "application/pdf";
            case "zip": return "application/zip";
            case "mp4": return "video/mp4";
            default: return "application/octet-stream";
        }
    }

    /** Configures an {@link AsanaSimulator}. */
    public static final class Builder {
        private long seed = 42;
        private int scale = 1;
        private int tasksPerProject = DatasetGenerator.DEFAULT_TASKS_PER_PROJECT;
        private int port = 0;
        private String host = "127.0.0.1";
        private Duration accessTokenTtl = Duration.ofSeconds(3600);
        private Duration downloadUrlTtl = Duration.ofSeconds(120);
        private int threads = 64;

        private Builder() {
        }

        /** Seed of the generated dataset and of every seeded random choice (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Dataset size multiplier, at least 1 (default 1). */
        public Builder scale(int scale) {
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be at least 1");
            }
            this.scale = scale;
            return this;
        }

        /**
         * Top-level tasks generated in each project (default {@value DatasetGenerator#DEFAULT_TASKS_PER_PROJECT}).
         * All projects get that many, so the dataset holds about {@code 10 * scale * tasksPerProject} tasks plus
         * subtasks; over all projects at most {@value DatasetGenerator#MAX_GENERATED_TASKS} are accepted (200,000
         * per project at scale 1), which {@link #build()} checks. The fixture project ({@link SimFixtures#projectGid()})
         * holds exactly this many tasks. 100,000 per project (about 1.25 million tasks in all) needs about 1.6 GB
         * of heap and some 10 to 30 seconds to generate on 2 cores.
         *
         * @throws IllegalArgumentException when {@code n} is below 1 or above the total limit
         */
        public Builder tasksPerProject(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("tasksPerProject must be at least 1, got " + n);
            }
            if (n > DatasetGenerator.MAX_GENERATED_TASKS / DatasetGenerator.projectCount(1)) {
                throw new IllegalArgumentException("tasksPerProject must be at most "
                        + DatasetGenerator.MAX_GENERATED_TASKS / DatasetGenerator.projectCount(1) + ", got " + n);
            }
            this.tasksPerProject = n;
            return this;
        }

        /** Port to bind; 0 picks a free one (default 0). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Address to bind (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Lifetime of OAuth access tokens (default one hour). */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Lifetime of attachment download URLs (default 120 seconds). */
        public Builder downloadUrlTtl(Duration ttl) {
            this.downloadUrlTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Number of request-handling threads (default 64). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Generates the dataset and creates the (not yet started) simulator.
         *
         * @throws IllegalArgumentException when scale and tasks per project together exceed the dataset limit
         */
        public AsanaSimulator build() {
            DatasetGenerator.checkSize(scale, tasksPerProject);
            return new AsanaSimulator(this);
        }

        /** Builds and starts the simulator. */
        public AsanaSimulator start() {
            return build().start();
        }
    }
}
