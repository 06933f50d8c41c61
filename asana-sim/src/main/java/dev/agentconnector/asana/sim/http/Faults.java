package dev.agentconnector.asana.sim.http;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Injected latency, errors and dropped connections for API requests; every knob is thread-safe. */
public final class Faults {
    private static final int[] RANDOM_STATUSES = {500, 502, 503};

    private final Random errorRandom;
    private final Random dropRandom;
    private volatile long latencyNanos;
    private volatile long tokenLatencyNanos;
    private volatile double errorRate;
    private volatile double dropRate;
    private volatile int failStatus;
    private final AtomicInteger failCount = new AtomicInteger();
    private final AtomicInteger dropBefore = new AtomicInteger();
    private final AtomicInteger dropAfter = new AtomicInteger();

    /** Creates fault state whose random draws derive from the seed. */
    public Faults(long seed) {
        this.errorRandom = new Random(seed * 7 + 1);
        this.dropRandom = new Random(seed * 13 + 3);
    }

    /** Sets the latency added to every API request. */
    public void latency(Duration d) {
        latencyNanos = d == null ? 0 : d.toNanos();
    }

    /** Sets the latency added to every token-endpoint request. */
    public void tokenLatency(Duration d) {
        tokenLatencyNanos = d == null ? 0 : d.toNanos();
    }

    /** Sets the probability of a random 500/502/503 answer. */
    public void errorRate(double p) {
        errorRate = clamp(p);
    }

    /** Sets the probability of closing the connection without an answer. */
    public void dropRate(double p) {
        dropRate = clamp(p);
    }

    /** Makes the next {@code count} API requests fail with {@code status}. */
    public void failNext(int count, int status) {
        failStatus = status;
        failCount.set(Math.max(0, count));
    }

    /** Drops the next {@code count} API requests before processing them. */
    public void dropNextBefore(int count) {
        dropBefore.set(Math.max(0, count));
    }

    /** Drops the answer of the next {@code count} API requests after processing them. */
    public void dropNextAfter(int count) {
        dropAfter.set(Math.max(0, count));
    }

    /** Clears every fault. */
    public void reset() {
        latencyNanos = 0;
        tokenLatencyNanos = 0;
        errorRate = 0;
        dropRate = 0;
        failCount.set(0);
        dropBefore.set(0);
        dropAfter.set(0);
    }

    /** Sleeps for the configured API latency. */
    public void applyLatency() {
        sleep(latencyNanos);
    }

    /** Sleeps for the configured token-endpoint latency. */
    public void applyTokenLatency() {
        sleep(tokenLatencyNanos);
    }

    /** Whether this request should be dropped before processing. */
    public boolean takeDropBefore() {
        if (takeOne(dropBefore)) {
            return true;
        }
        double p = dropRate;
        if (p <= 0) {
            return false;
        }
        synchronized (dropRandom) {
            return dropRandom.nextDouble() < p;
        }
    }

    /** Whether this request's answer should be dropped after processing. */
    public boolean takeDropAfter() {
        return takeOne(dropAfter);
    }

    /** The status to fail this request with, or 0 to process it normally. */
    public int takeFailure() {
        if (takeOne(failCount)) {
            return failStatus;
        }
        double p = errorRate;
        if (p <= 0) {
            return 0;
        }
        synchronized (errorRandom) {
            if (errorRandom.nextDouble() < p) {
                return RANDOM_STATUSES[errorRandom.nextInt(RANDOM_STATUSES.length)];
            }
        }
        return 0;
    }

    private static boolean takeOne(AtomicInteger counter) {
        if (counter.get() <= 0) {
            return false;
        }
        return counter.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
