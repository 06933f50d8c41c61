package dev.agentconnector.asana.sim.store;

import java.util.Random;

/** Hands out increasing 16-digit numeric gids, deterministically for a given seed. */
public final class GidAllocator {
    private static final long BASE = 1_200_000_000_000_000L;
    private final Random random;
    private long last;

    /** Creates an allocator whose sequence depends only on the seed. */
    public GidAllocator(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.last = BASE + (long) (random.nextDouble() * 90_000_000_000_000L);
    }

    /** The next gid. */
    public synchronized String next() {
        last += 1 + random.nextInt(4096);
        return Long.toString(last);
    }
}
