package dev.agentconnector.server;

import dev.agentconnector.asana.AsanaEnvironment;
import dev.agentconnector.http.Durations;
import dev.agentconnector.http.HttpLimits;
import dev.agentconnector.runtime.http.RetryPolicy;
import dev.agentconnector.server.crypto.MasterKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the hosted execution service. Immutable; build with {@link #builder()} or read with
 * {@link #fromEnv(Map)}. Secrets (the master key, the metrics token) never appear in {@link #toString()}.
 */
public final class ServerConfig {
    /** Asana's OAuth consent page. */
    public static final String DEFAULT_AUTHORIZE_URL = "https://app.asana.com/-/oauth_authorize";
    /** Name of the SQLite file created in the data directory when no database URL is given. */
    public static final String SQLITE_FILE = "asana-agent.db";

    private final int port;
    private final String host;
    private final String dbUrl;
    private final Path dataDir;
    private final String asanaBaseUrl;
    private final String asanaTokenUrl;
    private final String asanaAuthorizeUrl;
    private final String publicUrl;
    private final byte[] masterKey;
    private final String metricsToken;
    private final int maxBodyBytes;
    private final Duration applicationTokenTtl;
    private final Duration scopedTokenTtl;
    private final Duration revocationCheckInterval;
    private final boolean checkCredentials;
    private final RetryPolicy asanaRetryPolicy;
    private final dev.agentconnector.runtime.http.RateLimits asanaRateLimits;
    private final HttpLimits httpLimits;
    private final Duration rateLimitWait;
    private final Duration syncInterval;
    private final Duration syncPoll;
    private final Duration syncLease;
    private final int syncThreads;
    private final int rateLimitMaxWaiting;
    private final int dbPoolSize;
    private final int maxCachedExecutors;
    private final Clock clock;

    private ServerConfig(Builder b) {
        this.port = b.port;
        this.host = b.host;
        this.dbUrl = b.dbUrl;
        this.dataDir = b.dataDir;
        this.asanaBaseUrl = b.asanaBaseUrl;
        this.asanaTokenUrl = b.asanaTokenUrl;
        this.asanaAuthorizeUrl = b.asanaAuthorizeUrl;
        this.publicUrl = b.publicUrl;
        this.masterKey = b.masterKey == null ? null : b.masterKey.clone();
        this.metricsToken = b.metricsToken;
        this.maxBodyBytes = b.maxBodyBytes;
        this.applicationTokenTtl = b.applicationTokenTtl;
        this.scopedTokenTtl = b.scopedTokenTtl;
        this.revocationCheckInterval = b.revocationCheckInterval;
        this.checkCredentials = b.checkCredentials;
        this.asanaRetryPolicy = b.asanaRetryPolicy;
        this.asanaRateLimits = b.asanaRateLimits;
        this.httpLimits = b.httpLimits;
        this.rateLimitWait = b.rateLimitWait;
        this.syncInterval = b.syncInterval;
        this.syncPoll = b.syncPoll;
        this.syncLease = b.syncLease;
        this.syncThreads = b.syncThreads;
        this.rateLimitMaxWaiting = b.rateLimitMaxWaiting;
        this.dbPoolSize = b.dbPoolSize;
        this.maxCachedExecutors = b.maxCachedExecutors;
        this.clock = b.clock;
    }

    /** A builder with the defaults: port 8080 on 127.0.0.1, SQLite in {@code ./asana-agent-data}, Asana's URLs. */
    public static Builder builder() {
        return new Builder();
    }

    /** The process environment read by {@link #fromEnv(Map)}. */
    public static ServerConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Defaults overridden by environment variables: {@code ASANA_BASE_URL}, {@code ASANA_TOKEN_URL},
     * {@code ASANA_AUTHORIZE_URL}, {@code ASANA_AGENT_MASTER_KEY} (base64 of 32 bytes), and optionally
     * {@code ASANA_AGENT_DB_URL}, {@code ASANA_AGENT_DATA_DIR}, {@code ASANA_AGENT_PUBLIC_URL},
     * {@code ASANA_AGENT_METRICS_TOKEN}, {@code ASANA_AGENT_RATE_LIMIT_WAIT}, {@code ASANA_AGENT_SYNC_INTERVAL}
     * (0 turns the schedule off), and the HTTP layer's
     * {@code ASANA_AGENT_HEADER_TIMEOUT}, {@code ASANA_AGENT_IDLE_TIMEOUT} (durations such as {@code 10s} or
     * {@code 500ms}) and {@code ASANA_AGENT_MAX_CONNECTIONS}. Use {@link #toBuilder()} to apply command-line
     * settings on top.
     */
    public static ServerConfig fromEnv(Map<String, String> env) {
        Builder b = builder();
        String v;
        if ((v = get(env, "ASANA_BASE_URL")) != null) {
            b.asanaBaseUrl(v);
        }
        if ((v = get(env, "ASANA_TOKEN_URL")) != null) {
            b.asanaTokenUrl(v);
        }
        if ((v = get(env, "ASANA_AUTHORIZE_URL")) != null) {
            b.asanaAuthorizeUrl(v);
        }
        if ((v = get(env, MasterKey.ENV)) != null) {
            b.masterKey(MasterKey.decode(v, MasterKey.ENV));
        }
        if ((v = get(env, "ASANA_AGENT_DB_URL")) != null) {
            b.dbUrl(v);
        }
        if ((v = get(env, "ASANA_AGENT_DATA_DIR")) != null) {
            b.dataDir(Path.of(v));
        }
        if ((v = get(env, "ASANA_AGENT_PUBLIC_URL")) != null) {
            b.publicUrl(v);
        }
        if ((v = get(env, "ASANA_AGENT_METRICS_TOKEN")) != null) {
            b.metricsToken(v);
        }
        if ((v = get(env, "ASANA_AGENT_RATE_LIMIT_WAIT")) != null) {
            b.rateLimitWait(Durations.parse(v, "ASANA_AGENT_RATE_LIMIT_WAIT"));
        }
        if ((v = get(env, "ASANA_AGENT_SYNC_INTERVAL")) != null) {
            b.syncInterval(Durations.parse(v, "ASANA_AGENT_SYNC_INTERVAL"));
        }
        HttpLimits.Builder limits = b.httpLimits.toBuilder();
        if ((v = get(env, "ASANA_AGENT_HEADER_TIMEOUT")) != null) {
            limits.headerTimeout(Durations.parse(v, "ASANA_AGENT_HEADER_TIMEOUT"));
        }
        if ((v = get(env, "ASANA_AGENT_IDLE_TIMEOUT")) != null) {
            limits.idleTimeout(Durations.parse(v, "ASANA_AGENT_IDLE_TIMEOUT"));
        }
        if ((v = get(env, "ASANA_AGENT_MAX_CONNECTIONS")) != null) {
            limits.maxConnections(integer(v, "ASANA_AGENT_MAX_CONNECTIONS"));
        }
        b.httpLimits(limits.build());
        return b.build();
    }

    private static int integer(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got '"
                    + (v.length() > 20 ? v.substring(0, 20) + "…" : v) + "'");
        }
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.host = host;
        b.dbUrl = dbUrl;
        b.dataDir = dataDir;
        b.asanaBaseUrl = asanaBaseUrl;
        b.asanaTokenUrl = asanaTokenUrl;
        b.asanaAuthorizeUrl = asanaAuthorizeUrl;
        b.publicUrl = publicUrl;
        b.masterKey = masterKey == null ? null : masterKey.clone();
        b.metricsToken = metricsToken;
        b.maxBodyBytes = maxBodyBytes;
        b.applicationTokenTtl = applicationTokenTtl;
        b.scopedTokenTtl = scopedTokenTtl;
        b.revocationCheckInterval = revocationCheckInterval;
        b.checkCredentials = checkCredentials;
        b.asanaRetryPolicy = asanaRetryPolicy;
        b.asanaRateLimits = asanaRateLimits;
        b.httpLimits = httpLimits;
        b.rateLimitWait = rateLimitWait;
        b.syncInterval = syncInterval;
        b.syncPoll = syncPoll;
        b.syncLease = syncLease;
        b.syncThreads = syncThreads;
        b.rateLimitMaxWaiting = rateLimitMaxWaiting;
        b.dbPoolSize = dbPoolSize;
        b.maxCachedExecutors = maxCachedExecutors;
        b.clock = clock;
        return b;
    }

    /** Port to listen on; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** Address to listen on. */
    public String host() {
        return host;
    }

    /** The configured JDBC URL, or null for the SQLite file in the data directory. */
    public String dbUrl() {
        return dbUrl;
    }

    /** The JDBC URL in effect: {@link #dbUrl()} or {@code jdbc:sqlite:<dataDir>/asana-agent.db}. */
    public String effectiveDbUrl() {
        return dbUrl != null ? dbUrl : "jdbc:sqlite:" + sqliteFile();
    }

    /** Where the default SQLite database lives. */
    public Path sqliteFile() {
        return dataDir.resolve(SQLITE_FILE).toAbsolutePath();
    }

    /** Directory of the SQLite file and of the generated master key file. */
    public Path dataDir() {
        return dataDir;
    }

    /** Asana's REST API base URL. */
    public String asanaBaseUrl() {
        return asanaBaseUrl;
    }

    /** Asana's OAuth token endpoint. */
    public String asanaTokenUrl() {
        return asanaTokenUrl;
    }

    /** Asana's OAuth consent page. */
    public String asanaAuthorizeUrl() {
        return asanaAuthorizeUrl;
    }

    /** The URL browsers reach this service at (for the OAuth callback), or null for {@code http://HOST:PORT}. */
    public String publicUrl() {
        return publicUrl;
    }

    /** The 32-byte master key, or null to read {@code ASANA_AGENT_MASTER_KEY} or the key file at start. */
    public byte[] masterKey() {
        return masterKey == null ? null : masterKey.clone();
    }

    /** Static bearer token accepted by {@code /metrics}, or null to read {@code ASANA_AGENT_METRICS_TOKEN}. */
    public String metricsToken() {
        return metricsToken;
    }

    /** Largest request body accepted; larger ones answer 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Lifetime of application access tokens. */
    public Duration applicationTokenTtl() {
        return applicationTokenTtl;
    }

    /** Lifetime of workspace-scoped tokens. */
    public Duration scopedTokenTtl() {
        return scopedTokenTtl;
    }

    /** How long an instance trusts what it last read of an application's revocation state. */
    public Duration revocationCheckInterval() {
        return revocationCheckInterval;
    }

    /** Whether new credentials are checked against Asana before they are saved (requests may opt out). */
    public boolean checkCredentials() {
        return checkCredentials;
    }

    /** Retry policy of calls to Asana. */
    public RetryPolicy asanaRetryPolicy() {
        return asanaRetryPolicy;
    }

    /**
     * Client-side limits of each connector (each connector is one Asana credential) unless the connector sets its
     * own: the per-minute limit is shared by every instance on the database, the concurrency caps hold per instance.
     */
    public dev.agentconnector.runtime.http.RateLimits asanaRateLimits() {
        return asanaRateLimits;
    }

    /** Longest an execution waits for a rate-limit slot of its connector before it answers 429. */
    public Duration rateLimitWait() {
        return rateLimitWait;
    }

    /** How long after a connector's sync pass ends the next one is due; zero: only when asked. */
    public Duration syncInterval() {
        return syncInterval;
    }

    /** How often each instance looks for due syncs. */
    public Duration syncPoll() {
        return syncPoll;
    }

    /** How long an instance's claim on a running sync lasts without renewal (another instance takes it after). */
    public Duration syncLease() {
        return syncLease;
    }

    /** Sync passes one instance runs at once. */
    public int syncThreads() {
        return syncThreads;
    }

    /** Most executions of one connector waiting for a rate-limit slot at once, per instance; more answer 429. */
    public int rateLimitMaxWaiting() {
        return rateLimitMaxWaiting;
    }

    /** Request-handling threads. */
    public int workerThreads() {
        return httpLimits.maxThreads();
    }

    /** Most database connections held by one server. */
    public int dbPoolSize() {
        return dbPoolSize;
    }

    /** How long {@link AsanaAgentServer#close()} waits for in-flight requests. */
    /** Timeouts and caps of the HTTP layer. */
    public HttpLimits httpLimits() {
        return httpLimits;
    }

    public Duration shutdownTimeout() {
        return httpLimits.stopTimeout();
    }

    /** Most connector executors kept in memory. */
    public int maxCachedExecutors() {
        return maxCachedExecutors;
    }

    /** Clock for token expiry. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", db="
                + (dbUrl == null ? "sqlite:" + sqliteFile() : scheme(dbUrl)) + ", dataDir=" + dataDir
                + ", asanaBaseUrl=" + asanaBaseUrl + ", asanaTokenUrl=" + asanaTokenUrl
                + ", asanaAuthorizeUrl=" + asanaAuthorizeUrl + ", publicUrl=" + publicUrl
                + ", masterKey=" + (masterKey == null ? "unset" : "****")
                + ", metricsToken=" + (metricsToken == null ? "unset" : "****") + "]";
    }

    /** The part of a JDBC URL that names the driver, e.g. {@code jdbc:postgresql}: the rest may hold a password. */
    static String scheme(String jdbcUrl) {
        int second = jdbcUrl.indexOf(':', jdbcUrl.indexOf(':') + 1);
        return second < 0 ? "jdbc" : jdbcUrl.substring(0, second);
    }

    /** Builder for {@link ServerConfig}. */
    public static final class Builder {
        private int port = 8080;
        private String host = "127.0.0.1";
        private String dbUrl;
        private Path dataDir = Path.of("asana-agent-data");
        private String asanaBaseUrl = AsanaEnvironment.DEFAULT_BASE_URL;
        private String asanaTokenUrl = AsanaEnvironment.DEFAULT_TOKEN_URL;
        private String asanaAuthorizeUrl = DEFAULT_AUTHORIZE_URL;
        private String publicUrl;
        private byte[] masterKey;
        private String metricsToken;
        private int maxBodyBytes = 1024 * 1024;
        private Duration applicationTokenTtl = Duration.ofMinutes(15);
        private Duration scopedTokenTtl = Duration.ofHours(1);
        private Duration revocationCheckInterval = Duration.ofSeconds(2);
        private boolean checkCredentials = true;
        private RetryPolicy asanaRetryPolicy = RetryPolicy.DEFAULT;
        private dev.agentconnector.runtime.http.RateLimits asanaRateLimits =
                dev.agentconnector.runtime.http.RateLimits.ASANA_DEFAULT;
        private HttpLimits httpLimits = HttpLimits.defaults();
        private Duration rateLimitWait = Duration.ofSeconds(5);
        private Duration syncInterval = Duration.ofMinutes(15);
        private Duration syncPoll = Duration.ofSeconds(5);
        private Duration syncLease = Duration.ofMinutes(5);
        private int syncThreads = 2;
        private int rateLimitMaxWaiting = 16;
        private int dbPoolSize = 8;
        private int maxCachedExecutors = 1000;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Port to listen on, 0 for a free one (default 8080). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host.strip();
            return this;
        }

        /** A {@code jdbc:postgresql://…} or {@code jdbc:sqlite:…} URL; null for SQLite in the data directory. */
        public Builder dbUrl(String dbUrl) {
            if (dbUrl != null && !(dbUrl.startsWith("jdbc:sqlite:") || dbUrl.startsWith("jdbc:postgresql:"))) {
                throw new IllegalArgumentException("unsupported database URL '" + scheme(dbUrl)
                        + ":…'; use jdbc:postgresql://HOST:PORT/DB or jdbc:sqlite:FILE");
            }
            this.dbUrl = dbUrl;
            return this;
        }

        /** Directory of the SQLite database and the generated master key (default {@code ./asana-agent-data}). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Asana's REST API base URL, e.g. a simulator's. */
        public Builder asanaBaseUrl(String url) {
            this.asanaBaseUrl = httpUrl(url, "asanaBaseUrl");
            return this;
        }

        /** Asana's OAuth token endpoint. */
        public Builder asanaTokenUrl(String url) {
            this.asanaTokenUrl = httpUrl(url, "asanaTokenUrl");
            return this;
        }

        /** Asana's OAuth consent page. */
        public Builder asanaAuthorizeUrl(String url) {
            this.asanaAuthorizeUrl = httpUrl(url, "asanaAuthorizeUrl");
            return this;
        }

        /** The URL browsers reach this service at, e.g. {@code https://agents.example.com}; null for the bound address. */
        public Builder publicUrl(String url) {
            this.publicUrl = url == null ? null : stripSlash(httpUrl(url, "publicUrl"));
            return this;
        }

        /** The 32-byte key that encrypts stored credentials and signs access tokens. */
        public Builder masterKey(byte[] key) {
            if (key != null && key.length != MasterKey.LENGTH) {
                throw new IllegalArgumentException("the master key must be " + MasterKey.LENGTH + " bytes, got "
                        + key.length);
            }
            this.masterKey = key == null ? null : key.clone();
            return this;
        }

        /** A static bearer token that may read {@code /metrics} (besides application tokens); null for none. */
        public Builder metricsToken(String token) {
            this.metricsToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /** Largest request body accepted (default 1 MiB). */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Lifetime of application access tokens (default 15 minutes). */
        public Builder applicationTokenTtl(Duration ttl) {
            this.applicationTokenTtl = positive(ttl, "applicationTokenTtl");
            return this;
        }

        /** Lifetime of workspace-scoped tokens (default one hour). */
        public Builder scopedTokenTtl(Duration ttl) {
            this.scopedTokenTtl = positive(ttl, "scopedTokenTtl");
            return this;
        }

        /**
         * How long an instance trusts what it last read of an application's revocation state (default 2 s): a
         * revoked application's tokens fail on every instance within this time.
         */
        public Builder revocationCheckInterval(Duration interval) {
            this.revocationCheckInterval = positive(interval, "revocationCheckInterval");
            return this;
        }

        /** Whether new credentials are checked against Asana before they are saved (default true). */
        public Builder checkCredentials(boolean check) {
            this.checkCredentials = check;
            return this;
        }

        /**
         * Client-side limits of connectors that set none of their own (default: Asana's paid-plan limits, 1,500
         * requests a minute, 50 concurrent reads, 15 concurrent writes; 0 turns a limit off).
         */
        public Builder asanaRateLimits(dev.agentconnector.runtime.http.RateLimits limits) {
            this.asanaRateLimits = Objects.requireNonNull(limits, "asanaRateLimits");
            return this;
        }

        /**
         * How long after a connector's sync pass ends the next one is due (default 15 minutes): every connector that
         * was synced once is kept up to date at this interval. Zero turns the schedule off (a pass runs only when
         * asked for with POST .../sync).
         */
        public Builder syncInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("syncInterval must be zero (no schedule) or positive, got "
                        + interval);
            }
            this.syncInterval = interval;
            return this;
        }

        /** How often each instance looks for due syncs (default 5 s). */
        public Builder syncPoll(Duration poll) {
            if (poll == null || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("syncPoll must be positive, got " + poll);
            }
            this.syncPoll = poll;
            return this;
        }

        /** How long a claim on a running sync lasts without renewal (default 5 minutes; at least 1 s). */
        public Builder syncLease(Duration lease) {
            if (lease == null || lease.toMillis() < 1000) {
                throw new IllegalArgumentException("syncLease must be at least 1 s, got " + lease);
            }
            this.syncLease = lease;
            return this;
        }

        /** Sync passes one instance runs at once (default 2). */
        public Builder syncThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("syncThreads must be at least 1, got " + threads);
            }
            this.syncThreads = threads;
            return this;
        }

        /**
         * Longest an execution waits for a rate-limit slot of its connector (a concurrency slot or a start in the
         * per-minute window) before it answers 429 with {@code Retry-After} (default 5 s; zero answers 429 whenever
         * no slot is free at once). An execution whose connector's window frees later than this answers at once.
         */
        public Builder rateLimitWait(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new IllegalArgumentException("rateLimitWait must be zero or positive, got " + wait);
            }
            this.rateLimitWait = wait;
            return this;
        }

        /**
         * Most executions of one connector waiting for a rate-limit slot at once on this instance (default 16);
         * more answer 429 at once, so that one busy connector cannot hold every worker thread.
         */
        public Builder rateLimitMaxWaiting(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("rateLimitMaxWaiting must be at least 1, got " + max);
            }
            this.rateLimitMaxWaiting = max;
            return this;
        }

        /** Retry policy of calls to Asana (default {@link RetryPolicy#DEFAULT}). */
        public Builder asanaRetryPolicy(RetryPolicy policy) {
            this.asanaRetryPolicy = Objects.requireNonNull(policy, "asanaRetryPolicy");
            return this;
        }

        /** Most request-handling threads (default 200, at least 8); part of {@link #httpLimits}. */
        public Builder workerThreads(int threads) {
            this.httpLimits = httpLimits.toBuilder().maxThreads(threads).build();
            return this;
        }

        /**
         * Timeouts and caps of the HTTP layer: header-read and idle timeouts, connections, header size, threads, stop
         * timeout (defaults: {@link HttpLimits#defaults()}).
         */
        public Builder httpLimits(HttpLimits limits) {
            this.httpLimits = Objects.requireNonNull(limits, "httpLimits");
            return this;
        }

        /** Most database connections held by one server (default 8). */
        public Builder dbPoolSize(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("dbPoolSize must be at least 2");
            }
            this.dbPoolSize = size;
            return this;
        }

        /** How long a graceful close waits for in-flight requests (default 30 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.httpLimits = httpLimits.toBuilder().stopTimeout(positive(timeout, "shutdownTimeout")).build();
            return this;
        }

        /** Most connector executors kept in memory (default 1000); others are rebuilt on use. */
        public Builder maxCachedExecutors(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCachedExecutors must be at least 1");
            }
            this.maxCachedExecutors = max;
            return this;
        }

        /** Clock for token expiry (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        private static String httpUrl(String url, String name) {
            try {
                URI u = new URI(Objects.requireNonNull(url, name).strip());
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                    throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got '" + url + "'");
                }
                return u.toString();
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(name + " is not a valid URL: '" + url + "'");
            }
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
