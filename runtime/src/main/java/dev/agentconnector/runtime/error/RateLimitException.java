package dev.agentconnector.runtime.error;

import java.time.Duration;
import java.util.List;

/**
 * Status 429: the API refused the request after the retries allowed were used up, or ({@link #notSent()}) the
 * client-side limiter refused to hold the request any longer and it was never sent.
 */
public class RateLimitException extends ApiException {
    private final Duration retryAfter;
    private final boolean notSent;

    public RateLimitException(String operation, String apiName, int status, List<ApiError> errors, String requestId,
                              Duration retryAfter) {
        super(operation, apiName, status, errors, requestId);
        this.retryAfter = retryAfter;
        this.notSent = false;
    }

    private RateLimitException(String operation, String reason, Duration retryAfter) {
        super(operation == null ? reason : operation + ": " + reason, operation, 429,
                List.of(new ApiError(reason, null, null)));
        this.retryAfter = retryAfter;
        this.notSent = true;
    }

    /**
     * The client-side limiter's refusal: the request would have waited longer than allowed for a rate-limit slot,
     * or too many requests were waiting already; nothing was sent.
     *
     * @param operation  {@code entity.action}, or null
     * @param reason     why, and when to try again; the message is {@code operation: reason}
     * @param retryAfter when a slot is expected to be free
     */
    public static RateLimitException limitedBeforeSending(String operation, String reason, Duration retryAfter) {
        return new RateLimitException(operation, reason, retryAfter);
    }

    /** How long the API (or the client-side limiter) asked to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when the client-side limiter refused the request, which therefore never reached the API. */
    public boolean notSent() {
        return notSent;
    }

    @Override
    public String errorType() {
        return "rate_limited";
    }
}
