package dev.agentconnector.runtime.error;

import java.time.Duration;
import java.util.List;

/** API status 429 after the retries allowed were used up. */
public class RateLimitException extends ApiException {
    private final Duration retryAfter;

    public RateLimitException(String operation, String apiName, int status, List<ApiError> errors, String requestId,
                              Duration retryAfter) {
        super(operation, apiName, status, errors, requestId);
        this.retryAfter = retryAfter;
    }

    /** How long the API asked to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String errorType() {
        return "rate_limited";
    }
}
