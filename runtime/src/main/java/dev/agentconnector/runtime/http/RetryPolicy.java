package dev.agentconnector.runtime.http;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to retry.
 *
 * @param maxRetries     retries after the first attempt (0 disables retrying)
 * @param initialBackoff first backoff before jitter
 * @param maxBackoff     cap on any computed backoff
 * @param maxRetryAfter  longest {@code Retry-After} the client will wait; a longer one fails at once
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 3 retries, backoff from 500 ms up to 10 s, and {@code Retry-After} honoured up to 60 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    /** Never retry. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
    }

    /** Backoff before retry number {@code retry} (1-based): exponential, capped, with jitter in [50%, 100%]. */
    public Duration backoff(int retry, double random) {
        double base = initialBackoff.toMillis() * Math.pow(2, retry - 1);
        double capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * random)));
    }
}
