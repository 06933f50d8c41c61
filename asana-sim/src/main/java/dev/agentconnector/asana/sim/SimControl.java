package dev.agentconnector.asana.sim;

import dev.agentconnector.asana.sim.auth.OAuthEndpoints;
import dev.agentconnector.asana.sim.auth.TokenRegistry;
import dev.agentconnector.asana.sim.http.ConcurrencyLimiter;
import dev.agentconnector.asana.sim.http.Faults;
import dev.agentconnector.asana.sim.http.RateLimiter;

import java.time.Duration;

/** Runtime knobs of a simulator: limits, latency, injected failures and token state; every method is thread-safe. */
public final class SimControl {
    private final Faults faults;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimiter concurrency;
    private final TokenRegistry tokens;
    private final OAuthEndpoints oauth;
    private final Duration defaultAccessTtl;
    private final dev.agentconnector.asana.sim.store.EventLog events;

    SimControl(Faults faults, RateLimiter rateLimiter, ConcurrencyLimiter concurrency, TokenRegistry tokens,
               OAuthEndpoints oauth, Duration defaultAccessTtl, dev.agentconnector.asana.sim.store.EventLog events) {
        this.events = events;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.concurrency = concurrency;
        this.tokens = tokens;
        this.oauth = oauth;
        this.defaultAccessTtl = defaultAccessTtl;
    }

    /** Limits each token to {@code n} requests per sliding minute (0 turns limiting off); rejected requests count. */
    public SimControl setRateLimitPerMinute(int n) {
        rateLimiter.perMinute(n);
        return this;
    }

    /** Uses a fixed Retry-After value (0 restores the default: seconds until the window frees, at least 1). */
    public SimControl setRetryAfterSeconds(int seconds) {
        rateLimiter.retryAfter(seconds);
        return this;
    }

    /** Caps in-flight reads and writes per token (0 or less: unlimited); defaults are Asana's 50 and 15. */
    public SimControl setConcurrencyLimits(int reads, int writes) {
        concurrency.limits(reads, writes);
        return this;
    }

    /** Adds this delay to every API request. */
    public SimControl setLatency(Duration latency) {
        faults.latency(latency);
        return this;
    }

    /** Adds this delay to every token-endpoint request. */
    public SimControl setTokenEndpointLatency(Duration latency) {
        faults.tokenLatency(latency);
        return this;
    }

    /** Answers this fraction of API requests with a random 500, 502 or 503 (seeded). */
    public SimControl setServerErrorRate(double rate) {
        faults.errorRate(rate);
        return this;
    }

    /** Closes the connection without an answer for this fraction of API requests (seeded). */
    public SimControl setDropRate(double rate) {
        faults.dropRate(rate);
        return this;
    }

    /** Fails the next {@code count} API requests with {@code status} and an Asana error body, without processing. */
    public SimControl failNext(int count, int status) {
        faults.failNext(count, status);
        return this;
    }

    /** Closes the connection of the next {@code count} API requests before processing them. */
    public SimControl dropNextBeforeProcessing(int count) {
        faults.dropNextBefore(count);
        return this;
    }

    /** Processes the next {@code count} API requests fully, then closes the connection without an answer. */
    public SimControl dropNextAfterProcessing(int count) {
        faults.dropNextAfter(count);
        return this;
    }

    /** Makes every OAuth access token issued so far expired (personal access tokens keep working). */
    public SimControl expireAllAccessTokens() {
        tokens.expireAllAccessTokens();
        return this;
    }

    /** Revokes a refresh token: later refresh grants with it fail with invalid_grant. */
    public SimControl revokeRefreshToken(String refreshToken) {
        tokens.revokeRefreshToken(refreshToken);
        return this;
    }

    /** Sets the lifetime of access tokens issued from now on. */
    public SimControl setAccessTokenTtl(Duration ttl) {
        tokens.accessTtl(ttl);
        return this;
    }

    /** Whether code and refresh grants must carry the app's client_id and client_secret (default true). */
    public SimControl setRequireClientCredentials(boolean required) {
        oauth.requireClientCredentials(required);
        return this;
    }

    /**
     * Makes every events sync token issued so far unusable, as when Asana's tokens age out: the next read with one
     * answers 412 with a fresh token.
     */
    public SimControl expireSyncTokens() {
        events.expireAll();
        return this;
    }

    /** Clears faults, limits and latency and restores token defaults; data is kept. */
    public SimControl reset() {
        faults.reset();
        rateLimiter.reset();
        concurrency.reset();
        oauth.requireClientCredentials(true);
        tokens.accessTtl(defaultAccessTtl);
        return this;
    }
}
