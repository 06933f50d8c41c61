package dev.agentconnector.runtime.http;

/**
 * The per-minute window of request starts of one credential: at most {@link RateLimits#requestsPerMinute()} starts
 * in any 60 seconds. {@link RequestLimiter} asks it for a start after taking a concurrency slot, right before the
 * request is sent.
 *
 * <p>The default, {@link InMemoryRequestWindow}, counts the starts of this process only. A credential used by
 * several processes at once (service instances on one database, say) needs a window they share, or together they
 * start more requests than the API allows; such an implementation may hand out starts it reserved in advance, as
 * long as no 60 seconds ever hold more starts than the limit.
 *
 * <p>Implementations are thread-safe and should answer quickly: every request of the credential calls
 * {@link #tryStart()}.
 */
@FunctionalInterface
public interface RequestWindow {
    /**
     * Takes one request start if the window has room now.
     *
     * @return 0 when a start was taken (the request may be sent); otherwise nothing was taken and the result is the
     *         number of milliseconds (at least 1) after which the window expects to have room again, an estimate
     *         that the caller uses to decide whether to wait and how long to sleep before asking again
     */
    long tryStart();
}
