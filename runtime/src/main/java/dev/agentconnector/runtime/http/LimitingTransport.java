package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.TransportException;

/**
 * Holds each request until the {@link RequestLimiter} lets it go; every attempt (retries too) takes a slot. A
 * limiter with a maximum wait may refuse instead: its {@link dev.agentconnector.runtime.error.RateLimitException}
 * passes through, and nothing is sent.
 */
public final class LimitingTransport implements Transport {
    private final Transport next;
    private final RequestLimiter limiter;

    public LimitingTransport(Transport next, RequestLimiter limiter) {
        this.next = next;
        this.limiter = limiter;
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        RequestLimiter.Permit permit;
        try {
            permit = limiter.acquire(request.isWrite(), request.operation());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.operation() + ": interrupted while queued by the rate limiter",
                    false, e);
        }
        try (permit) {
            return next.send(request);
        }
    }
}
