package dev.agentconnector.server.store;

import dev.agentconnector.runtime.http.RateLimits;

/**
 * A connector's own client-side Asana limits. A null component uses the service's default for it.
 *
 * @param requestsPerMinute   most request starts in any 60 seconds, across every instance on the database
 * @param maxConcurrentReads  most GETs in flight at once, per instance
 * @param maxConcurrentWrites most writes in flight at once, per instance
 */
public record ConnectorRateLimits(Integer requestsPerMinute, Integer maxConcurrentReads,
                                  Integer maxConcurrentWrites) {
    /** No limits of its own: the service's defaults throughout. */
    public static final ConnectorRateLimits DEFAULTS = new ConnectorRateLimits(null, null, null);

    /** The limits in effect: these, with the service's {@code defaults} where none is set. */
    public RateLimits over(RateLimits defaults) {
        return new RateLimits(
                requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute(),
                maxConcurrentReads != null ? maxConcurrentReads : defaults.maxConcurrentReads(),
                maxConcurrentWrites != null ? maxConcurrentWrites : defaults.maxConcurrentWrites());
    }
}
