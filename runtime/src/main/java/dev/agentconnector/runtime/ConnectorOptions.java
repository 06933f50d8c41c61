package dev.agentconnector.runtime;

import dev.agentconnector.runtime.auth.TokenListener;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.runtime.http.RequestWindow;
import dev.agentconnector.runtime.http.RetryPolicy;
import dev.agentconnector.runtime.http.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything about a connector except its spec and credentials. Immutable; build with {@link #builder()}.
 * Null URLs mean "the spec's defaults".
 */
public final class ConnectorOptions {
    private final String baseUrl;
    private final String tokenUrl;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final RateLimits rateLimits;
    private final RequestWindow requestWindow;
    private final dev.agentconnector.runtime.exec.LocalActions localActions;
    private final Duration maxRateLimitWait;
    private final int maxRateLimitWaiting;
    private final TokenListener tokenListener;
    private final dev.agentconnector.runtime.auth.RefreshCoordinator refreshCoordinator;
    private final Executor asyncExecutor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String userAgentSuffix;
    private final dev.agentconnector.runtime.http.HttpClients httpClients;

    private ConnectorOptions(Builder b) {
        this.baseUrl = b.baseUrl;
        this.tokenUrl = b.tokenUrl;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.rateLimits = b.rateLimits;
        this.requestWindow = b.requestWindow;
        this.localActions = b.localActions;
        this.maxRateLimitWait = b.maxRateLimitWait;
        this.maxRateLimitWaiting = b.maxRateLimitWaiting;
        this.tokenListener = b.tokenListener;
        this.refreshCoordinator = b.refreshCoordinator;
        this.asyncExecutor = b.asyncExecutor;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.userAgentSuffix = b.userAgentSuffix;
        this.httpClients = b.httpClients;
    }

    /** Defaults: spec URLs, 10 s connect, 60 s request, {@link RetryPolicy#DEFAULT}, {@link RateLimits#ASANA_DEFAULT}. */
    public static ConnectorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.tokenUrl = tokenUrl;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.retryPolicy = retryPolicy;
        b.rateLimits = rateLimits;
        b.requestWindow = requestWindow;
        b.localActions = localActions;
        b.maxRateLimitWait = maxRateLimitWait;
        b.maxRateLimitWaiting = maxRateLimitWaiting;
        b.tokenListener = tokenListener;
        b.refreshCoordinator = refreshCoordinator;
        b.asyncExecutor = asyncExecutor;
        b.clock = clock;
        b.sleeper = sleeper;
        b.userAgentSuffix = userAgentSuffix;
        b.httpClients = httpClients;
        return b;
    }

    /** API base URL, or null for the spec's. */
    public String baseUrl() {
        return baseUrl;
    }

    /** OAuth2 token URL, or null for the spec's. */
    public String tokenUrl() {
        return tokenUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    /** The per-minute window of request starts, or null for one in memory ({@link RateLimits#requestsPerMinute()}). */
    public RequestWindow requestWindow() {
        return requestWindow;
    }

    /** Actions answered locally instead of by the API (e.g. the context store's search), or null. */
    public dev.agentconnector.runtime.exec.LocalActions localActions() {
        return localActions;
    }

    /** Longest a request may wait for a rate-limit slot before it fails with a 429, or null to wait as needed. */
    public Duration maxRateLimitWait() {
        return maxRateLimitWait;
    }

    /** Most requests waiting for a rate-limit slot at once before others fail with a 429; 0 for no cap. */
    public int maxRateLimitWaiting() {
        return maxRateLimitWaiting;
    }

    /** Receives refreshed OAuth tokens, or null. */
    public TokenListener tokenListener() {
        return tokenListener;
    }

    /** Coordinates OAuth refreshes across processes sharing a credential, or null. */
    public dev.agentconnector.runtime.auth.RefreshCoordinator refreshCoordinator() {
        return refreshCoordinator;
    }

    /** Runs {@code executeAsync} calls, or null for the connector's own daemon pool. */
    public Executor asyncExecutor() {
        return asyncExecutor;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** Appended to the User-Agent, e.g. an application name, or null. */
    public String userAgentSuffix() {
        return userAgentSuffix;
    }

    /** HTTP clients shared with other executors, or null for the executor's own pair. */
    public dev.agentconnector.runtime.http.HttpClients httpClients() {
        return httpClients;
    }

    /** Builder for {@link ConnectorOptions}. */
    public static final class Builder {
        private String baseUrl;
        private String tokenUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RateLimits rateLimits = RateLimits.ASANA_DEFAULT;
        private RequestWindow requestWindow;
        private dev.agentconnector.runtime.exec.LocalActions localActions;
        private Duration maxRateLimitWait;
        private int maxRateLimitWaiting;
        private TokenListener tokenListener;
        private dev.agentconnector.runtime.auth.RefreshCoordinator refreshCoordinator;
        private Executor asyncExecutor;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private String userAgentSuffix;
        private dev.agentconnector.runtime.http.HttpClients httpClients;

        private Builder() {
        }

        /** API base URL, e.g. a simulator's {@code http://127.0.0.1:8089/api/1.0}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** OAuth2 token endpoint. */
        public Builder tokenUrl(String tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time allowed for each response's headers to arrive. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /**
         * Counts request starts in this window instead of one in memory, e.g. a window shared by every process
         * that uses the credential; its limit should be {@link RateLimits#requestsPerMinute()}. A window belongs to
         * one credential: do not share these options between executors of different credentials. Null (the default)
         * keeps the in-memory window.
         */
        public Builder requestWindow(RequestWindow requestWindow) {
            this.requestWindow = requestWindow;
            return this;
        }

        /**
         * Actions a local executor answers itself, checked before the spec, e.g. {@code context_store_search} over a
         * synced store; null (the default) for none. Hosted executors ignore it: the service answers those.
         */
        public Builder localActions(dev.agentconnector.runtime.exec.LocalActions localActions) {
            this.localActions = localActions;
            return this;
        }

        /**
         * Longest a request may wait for a concurrency slot and a start in the per-minute window; a request that
         * would wait longer fails with a {@code RateLimitException} (with a retry-after) and is not sent. Zero
         * refuses every request that cannot start at once; null (the default) waits as long as it takes.
         */
        public Builder maxRateLimitWait(Duration maxWait) {
            if (maxWait != null && maxWait.isNegative()) {
                throw new IllegalArgumentException("maxRateLimitWait must not be negative, got " + maxWait);
            }
            this.maxRateLimitWait = maxWait;
            return this;
        }

        /**
         * Most requests waiting for a rate-limit slot at once; a request that would have to wait beyond them fails
         * with a {@code RateLimitException} at once. 0 (the default) sets no cap.
         */
        public Builder maxRateLimitWaiting(int maxWaiting) {
            if (maxWaiting < 0) {
                throw new IllegalArgumentException("maxRateLimitWaiting must be >= 0 (0 = no cap), got "
                        + maxWaiting);
            }
            this.maxRateLimitWaiting = maxWaiting;
            return this;
        }

        public Builder tokenListener(TokenListener tokenListener) {
            this.tokenListener = tokenListener;
            return this;
        }

        /** Makes OAuth refreshes once per credential across processes (e.g. service instances on one database). */
        public Builder refreshCoordinator(dev.agentconnector.runtime.auth.RefreshCoordinator refreshCoordinator) {
            this.refreshCoordinator = refreshCoordinator;
            return this;
        }

        public Builder asyncExecutor(Executor asyncExecutor) {
            this.asyncExecutor = asyncExecutor;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder userAgentSuffix(String userAgentSuffix) {
            this.userAgentSuffix = userAgentSuffix;
            return this;
        }

        /** Shares these HTTP clients (connection pools, selector threads) instead of creating a pair per executor. */
        public Builder httpClients(dev.agentconnector.runtime.http.HttpClients httpClients) {
            this.httpClients = httpClients;
            return this;
        }

        public ConnectorOptions build() {
            return new ConnectorOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
