package dev.agentconnector.runtime.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * Enforces {@link RateLimits}: separate concurrency pools for reads and writes, and a sliding one-minute window of
 * request starts. Callers block (in arrival order) until they may go.
 */
public final class RequestLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateLimits limits;
    private final Semaphore reads;
    private final Semaphore writes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    public RequestLimiter(RateLimits limits, Clock clock, Sleeper sleeper) {
        this.limits = limits;
        this.reads = limits.maxConcurrentReads() > 0 ? new Semaphore(limits.maxConcurrentReads(), true) : null;
        this.writes = limits.maxConcurrentWrites() > 0 ? new Semaphore(limits.maxConcurrentWrites(), true) : null;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the request may start; the returned permit must be closed when its response is complete. */
    public Permit acquire(boolean write) throws InterruptedException {
        Semaphore pool = write ? writes : reads;
        if (pool != null) {
            pool.acquire();
        }
        try {
            awaitWindowSlot();
        } catch (InterruptedException | RuntimeException e) {
            if (pool != null) {
                pool.release();
            }
            throw e;
        }
        return pool == null ? () -> { } : pool::release;
    }

    private void awaitWindowSlot() throws InterruptedException {
        int perMinute = limits.requestsPerMinute();
        if (perMinute <= 0) {
            return;
        }
        while (true) {
            long wait;
            synchronized (starts) {
                long now = clock.millis();
                while (!starts.isEmpty() && starts.peekFirst() <= now - WINDOW.toMillis()) {
                    starts.pollFirst();
                }
                if (starts.size() < perMinute) {
                    starts.addLast(now);
                    return;
                }
                wait = starts.peekFirst() + WINDOW.toMillis() - now;
            }
            sleeper.sleep(Duration.ofMillis(Math.max(1, wait)));
        }
    }

    /** Returned by {@link #acquire}; closing it frees the concurrency slot. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
