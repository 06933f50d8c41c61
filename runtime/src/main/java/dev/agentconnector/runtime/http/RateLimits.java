package dev.agentconnector.runtime.http;

/**
 * Client-side limits per credential, so that bursts queue instead of drawing 429s.
 *
 * @param requestsPerMinute   most requests started in any 60-second window (0 = unlimited)
 * @param maxConcurrentReads  most GETs in flight at once (0 = unlimited)
 * @param maxConcurrentWrites most POST/PUT/PATCH/DELETE in flight at once (0 = unlimited)
 */
public record RateLimits(int requestsPerMinute, int maxConcurrentReads, int maxConcurrentWrites) {

    /** Asana's paid-plan limits: 1,500 requests a minute, 50 concurrent reads, 15 concurrent writes. */
    public static final RateLimits ASANA_DEFAULT = new RateLimits(1500, 50, 15);

    /** No client-side limiting. */
    public static final RateLimits UNLIMITED = new RateLimits(0, 0, 0);

    public RateLimits {
        if (requestsPerMinute < 0 || maxConcurrentReads < 0 || maxConcurrentWrites < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0");
        }
    }
}
