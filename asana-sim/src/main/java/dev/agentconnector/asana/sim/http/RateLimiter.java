package dev.agentconnector.asana.sim.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Asana's standard limiter: at most N requests per token in any sliding 60-second window, where rejected requests
 * count too.
 */
public final class RateLimiter {
    private static final long WINDOW_MILLIS = 60_000;

    private volatile int perMinute;
    private volatile int retryAfterOverride;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Sets the per-token limit (0 disables limiting) and forgets past requests. */
    public void perMinute(int n) {
        perMinute = Math.max(0, n);
        windows.clear();
    }

    /** Sets a fixed Retry-After value in seconds (0 means: the time until the window frees). */
    public void retryAfter(int seconds) {
        retryAfterOverride = Math.max(0, seconds);
    }

    /** Disables limiting and forgets past requests. */
    public void reset() {
        perMinute = 0;
        retryAfterOverride = 0;
        windows.clear();
    }

    /** Records a request for the token; returns 0 when allowed, else the Retry-After value in seconds. */
    public long check(String token, long nowMillis) {
        int n = perMinute;
        if (n <= 0) {
            return 0;
        }
        Window w = windows.computeIfAbsent(token, k -> new Window(n));
        long oldest;
        synchronized (w) {
            if (w.times.length != n) {
                w.resize(n);
            }
            oldest = w.oldest();
            w.record(nowMillis);
        }
        if (oldest == Long.MIN_VALUE || oldest <= nowMillis - WINDOW_MILLIS) {
            return 0;
        }
        int fixed = retryAfterOverride;
        if (fixed > 0) {
            return fixed;
        }
        long wait = oldest + WINDOW_MILLIS - nowMillis;
        return Math.max(1, (wait + 999) / 1000);
    }

    /** Ring buffer of the last N request times of one token. */
    private static final class Window {
        long[] times;
        int next;
        int count;

        Window(int n) {
            times = new long[n];
        }

        void resize(int n) {
            times = new long[n];
            next = 0;
            count = 0;
        }

        long oldest() {
            return count < times.length ? Long.MIN_VALUE : times[next];
        }

        void record(long t) {
            times[next] = t;
            next = (next + 1) % times.length;
            if (count < times.length) {
                count++;
            }
        }
    }
}
