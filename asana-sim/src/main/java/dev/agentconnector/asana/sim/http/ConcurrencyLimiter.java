package dev.agentconnector.asana.sim.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Asana's concurrent-request limiter: separate per-token caps on in-flight reads and writes. */
public final class ConcurrencyLimiter {
    /** Asana's documented in-flight read cap. */
    public static final int DEFAULT_READS = 50;
    /** Asana's documented in-flight write cap. */
    public static final int DEFAULT_WRITES = 15;

    private volatile int maxReads = DEFAULT_READS;
    private volatile int maxWrites = DEFAULT_WRITES;
    private final ConcurrentHashMap<String, AtomicInteger[]> inFlight = new ConcurrentHashMap<>();
    private final StatsRecorder stats;

    /** Creates a limiter reporting peaks to the stats. */
    public ConcurrencyLimiter(StatsRecorder stats) {
        this.stats = stats;
    }

    /** Sets the caps (a value of 0 or less means unlimited). */
    public void limits(int reads, int writes) {
        maxReads = reads;
        maxWrites = writes;
    }

    /** Restores Asana's default caps. */
    public void reset() {
        limits(DEFAULT_READS, DEFAULT_WRITES);
    }

    /** Tries to start a request; returns false when the cap is exceeded (nothing is held then). */
    public boolean acquire(String token, boolean write) {
        AtomicInteger counter = counters(token)[write ? 1 : 0];
        int now = counter.incrementAndGet();
        int cap = write ? maxWrites : maxReads;
        if (cap > 0 && now > cap) {
            counter.decrementAndGet();
            return false;
        }
        if (write) {
            stats.observeWrites(now);
        } else {
            stats.observeReads(now);
        }
        return true;
    }

    /** Ends a request started by a successful {@link #acquire}. */
    public void release(String token, boolean write) {
        counters(token)[write ? 1 : 0].decrementAndGet();
    }

    private AtomicInteger[] counters(String token) {
        AtomicInteger[] c = inFlight.get(token);
        if (c == null) {
            c = inFlight.computeIfAbsent(token, k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
        }
        return c;
    }
}
