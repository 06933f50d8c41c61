package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.TransportException;
import dev.agentconnector.runtime.exec.CallEvents;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Retries what is safe to retry. Every decision is in {@link #delayBeforeRetry}; a write is never sent again after a
 * failure that may have reached the server.
 */
public final class RetryingTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(RetryingTransport.class.getName());

    private final Transport next;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public RetryingTransport(Transport next, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        this.next = next;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        for (int retry = 1; ; retry++) {
            ApiResponse response;
            try {
                response = next.send(request);
            } catch (TransportException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // the caller gave up (a cancelled call): no retry
                }
                Optional<Duration> delay = delayBeforeRetry(request, retry, null, e);
                if (delay.isEmpty()) {
                    throw e;
                }
                pause(request, retry, delay.get(), e.getMessage());
                continue;
            }
            Optional<Duration> delay = delayBeforeRetry(request, retry, response, null);
            if (delay.isEmpty()) {
                return response;
            }
            response.close();
            pause(request, retry, delay.get(), "status " + response.status());
        }
    }

    /**
     * How long to wait before retry number {@code retry}, or empty to stop and hand back the outcome. Exactly one
     * of {@code response} and {@code failure} is set.
     */
    Optional<Duration> delayBeforeRetry(ApiRequest request, int retry, ApiResponse response, TransportException failure) {
        // Out of retries: hand back what we have.
        if (retry > policy.maxRetries()) {
            return Optional.empty();
        }
        // I/O failure: safe when the request never left, or when repeating it cannot change the outcome.
        if (failure != null) {
            boolean safe = !failure.mayHaveReachedServer() || request.idempotent();
            return safe ? Optional.of(policy.backoff(retry, random.getAsDouble())) : Optional.empty();
        }
        int status = response.status();
        // 429: the server refused the request without processing it, so any method may wait and retry,
        // for as long as the server asks, unless that is longer than we are willing to wait.
        if (status == 429) {
            Duration wait = response.retryAfter().orElse(policy.backoff(retry, random.getAsDouble()));
            return wait.compareTo(policy.maxRetryAfter()) <= 0 ? Optional.of(wait) : Optional.empty();
        }
        // 5xx: the server may have applied the request, so only idempotent methods are retried.
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            return request.idempotent() ? Optional.of(policy.backoff(retry, random.getAsDouble())) : Optional.empty();
        }
        // Anything else is the final answer.
        return Optional.empty();
    }

    private void pause(ApiRequest request, int retry, Duration delay, String reason) {
        LOG.log(System.Logger.Level.DEBUG, () -> request.operation() + ": retry " + retry + " of "
                + policy.maxRetries() + " in " + delay.toMillis() + " ms after " + reason);
        CallEvents.report(CallEvents.Kind.RETRY, () -> request.operation() + ": retry " + retry + " of "
                + policy.maxRetries() + " in " + delay.toMillis() + " ms after " + reason);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.operation() + ": interrupted while waiting to retry", false, e);
        }
    }
}
