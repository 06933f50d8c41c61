package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.exec.CallEvents;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces {@link RateLimits}: separate concurrency pools for reads and writes, and a {@link RequestWindow} of
 * request starts per minute. A request first takes a concurrency slot (in arrival order), then a start in the window.
 *
 * <p>By default callers wait as long as it takes. With a maximum wait, a request that would wait longer is refused
 * with a {@link RateLimitException} ({@link RateLimitException#notSent()}, with a retry-after): at once when the
 * window expects its next free start later than the maximum, and after the maximum when no concurrency slot freed up
 * in time. With a cap on waiting requests, a request that would have to wait while that many already do is refused at
 * once. Both keep the threads of a shared service from piling up behind one busy credential.
 */
public final class RequestLimiter {
    private static final Permit NO_SLOT = () -> { };

    private final RateLimits limits;
    private final Semaphore reads;
    private final Semaphore writes;
    private final RequestWindow window;
    private final Duration maxWait;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Clock clock;
    private final Sleeper sleeper;

    /** A limiter with its own in-memory window whose callers wait as long as it takes. */
    public RequestLimiter(RateLimits limits, Clock clock, Sleeper sleeper) {
        this(limits, null, null, 0, clock, sleeper);
    }

    /**
     * @param limits     concurrency caps, and the per-minute limit named in messages (and used for the default window)
     * @param window     the per-minute window, or null for an {@link InMemoryRequestWindow} of
     *                   {@code limits.requestsPerMinute()} (no window when that is 0)
     * @param maxWait    longest a request may wait for a concurrency slot and a window start together, or null to
     *                   wait as long as it takes
     * @param maxWaiting most requests waiting at once; 0 for no cap
     * @param clock      time of the window and of the maximum wait
     * @param sleeper    how to wait for the window
     */
    public RequestLimiter(RateLimits limits, RequestWindow window, Duration maxWait, int maxWaiting, Clock clock,
                          Sleeper sleeper) {
        if (maxWait != null && maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be >= 0 (0 = no cap), got " + maxWaiting);
        }
        this.limits = limits;
        this.reads = limits.maxConcurrentReads() > 0 ? new Semaphore(limits.maxConcurrentReads(), true) : null;
        this.writes = limits.maxConcurrentWrites() > 0 ? new Semaphore(limits.maxConcurrentWrites(), true) : null;
        this.window = window != null ? window
                : limits.requestsPerMinute() > 0 ? new InMemoryRequestWindow(limits.requestsPerMinute(), clock) : null;
        this.maxWait = maxWait;
        this.maxWaiting = maxWaiting;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** {@link #acquire(boolean, String)} without an operation name for messages. */
    public Permit acquire(boolean write) throws InterruptedException {
        return acquire(write, null);
    }

    /**
     * Waits until the request may start; the returned permit must be closed when its response is complete.
     *
     * @param write     whether the request changes data (it then takes a write slot)
     * @param operation {@code entity.action} for messages, or null
     * @throws RateLimitException when the request would wait longer than the maximum wait, or too many wait already
     */
    public Permit acquire(boolean write, String operation) throws InterruptedException {
        Semaphore pool = write ? writes : reads;
        long deadline = maxWait == null ? Long.MAX_VALUE : clock.millis() + maxWait.toMillis();
        boolean[] queued = {false};
        try {
            if (pool != null && !pool.tryAcquire(0, TimeUnit.NANOSECONDS)) { // respects the arrival order
                queue(queued, operation, 0);
                CallEvents.report(CallEvents.Kind.RATE_LIMIT_WAIT, () -> (operation == null ? "a request" : operation)
                        + ": waiting for one of the " + (write ? "concurrent writes" : "concurrent reads")
                        + " this credential may have in flight");
                if (maxWait == null) {
                    pool.acquire();
                } else if (!pool.tryAcquire(Math.max(0, deadline - clock.millis()), TimeUnit.MILLISECONDS)) {
                    throw refused(operation, "all " + (write ? limits.maxConcurrentWrites() + " concurrent writes"
                            : limits.maxConcurrentReads() + " concurrent reads") + " this credential may have stayed "
                            + "in flight for the whole " + text(maxWait) + " a request may wait for one", 1000);
                }
            }
            try {
                awaitWindowStart(queued, operation, deadline);
            } catch (InterruptedException | RuntimeException e) {
                if (pool != null) {
                    pool.release();
                }
                throw e;
            }
            return pool == null ? NO_SLOT : pool::release;
        } finally {
            if (queued[0]) {
                waiting.decrementAndGet();
            }
        }
    }

    private void awaitWindowStart(boolean[] queued, String operation, long deadline) throws InterruptedException {
        if (window == null) {
            return;
        }
        while (true) {
            long wait = window.tryStart();
            if (wait <= 0) {
                return;
            }
            if (maxWait != null && clock.millis() + wait > deadline) {
                int perMinute = limits.requestsPerMinute();
                throw refused(operation, (perMinute > 0 ? "this credential's limit of " + perMinute
                        + (perMinute == 1 ? " request" : " requests") + " a minute"
                        : "this credential's per-minute limit") + " is used up, and the next start is further away "
                        + "than the " + text(maxWait) + " a request may wait", wait);
            }
            queue(queued, operation, wait);
            CallEvents.report(CallEvents.Kind.RATE_LIMIT_WAIT, () -> (operation == null ? "a request" : operation)
                    + ": waiting " + wait + " ms for the connector's per-minute rate limit");
            sleeper.sleep(Duration.ofMillis(wait));
        }
    }

    /** Counts the caller as waiting, unless it already is; refuses it when the cap is reached. */
    private void queue(boolean[] queued, String operation, long expectedWaitMillis) {
        if (queued[0]) {
            return;
        }
        int n = waiting.incrementAndGet();
        if (maxWaiting > 0 && n > maxWaiting) {
            waiting.decrementAndGet();
            throw refused(operation, maxWaiting + " requests of this credential are already waiting for a "
                    + "rate-limit slot, the most allowed", Math.max(1000, expectedWaitMillis));
        }
        queued[0] = true;
    }

    private static RateLimitException refused(String operation, String why, long retryAfterMillis) {
        long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
        return RateLimitException.limitedBeforeSending(operation, "not sent: " + why + "; retry after " + seconds
                + " s", Duration.ofSeconds(seconds));
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        return waiting.get();
    }

    /** Returned by {@link #acquire}; closing it frees the concurrency slot. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
