package dev.agentconnector.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What both benchmarks share: timed runs of a call on N threads, the JIT and GC activity during each run, the
 * machine's state for the output header, and order statistics of the rounds.
 */
final class Harness {
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    /** The JVM options the benchmarks are meant to run with. */
    static final String FIXED_HEAP = "-Xms2g -Xmx2g";

    private Harness() {
    }

    /** One timed run: successful calls per second, per-call latencies (when recorded), JIT and GC time during it. */
    record Run(double perSecond, long[] latenciesNanos, long jitMillis, long gcCount, long gcMillis) {
    }

    /**
     * Collects the garbage of whatever ran before, so that none of it is collected (and charged) during the next
     * run, then lets the collector's threads settle.
     */
    static void settle() {
        System.gc();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code call} on {@code threads} threads for {@code seconds} after a start gate; returns successful calls
     * per second. Latencies are kept when {@code recordLatencies}. Throws when a call fails.
     */
    static Run run(Callable<Boolean> call, int threads, double seconds, boolean recordLatencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[recordLatencies ? 1 << 16 : 0];
                    long n = 0;
                    ready.countDown();
                    go.await();
                    long end = deadline[0];
                    long now = System.nanoTime();
                    while (now < end) {
                        if (!call.call()) {
                            throw new IllegalStateException("a call did not succeed");
                        }
                        long after = System.nanoTime();
                        if (recordLatencies) {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                            }
                            latencies[(int) n] = after - now;
                        }
                        n++;
                        now = after;
                    }
                    return recordLatencies ? Arrays.copyOf(latencies, (int) n) : new long[] {n};
                }));
            }
            ready.await();
            long jit0 = jitMillis();
            long[] gc0 = gc();
            long start = System.nanoTime();
            deadline[0] = start + (long) (seconds * 1e9);
            go.countDown(); // publishes deadline[0] to the workers
            long calls = 0;
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> f : futures) {
                long[] part = f.get();
                if (recordLatencies) {
                    parts.add(part);
                    calls += part.length;
                } else {
                    calls += part[0];
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] gc1 = gc();
            long[] latencies = recordLatencies ? parts.stream().flatMapToLong(Arrays::stream).sorted().toArray()
                    : new long[0];
            return new Run(calls / elapsed, latencies, jitMillis() - jit0, gc1[0] - gc0[0], gc1[1] - gc0[1]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One pass over every side, for {@link #warmUp}. */
    @FunctionalInterface
    interface Cycle {
        /** Runs every side once; {@code index} counts the cycles (for rotating the order). */
        void run(int index) throws Exception;
    }

    /** What a warm-up did: its duration, its cycles, the JIT time in it and in its last cycle. */
    record WarmUp(double seconds, int cycles, long jitMillis, long lastCycleJitMillis, double lastCycleSeconds) {
        /** One line for the output. */
        String describe() {
            return String.format(Locale.ROOT, "warm-up: %.0f s in %d cycles, JIT %d ms (last cycle: %d ms of JIT in "
                    + "%.1f s)", seconds, cycles, jitMillis, lastCycleJitMillis, lastCycleSeconds);
        }
    }

    /**
     * Repeats {@code cycle} for at least {@code minCycles} cycles, then until the JIT compiled for less than 5% of
     * a cycle's duration (the compiled code has settled), for at most {@code 3 * minCycles} cycles in all. On a
     * small machine the JIT's threads take CPU from whatever runs, so measuring while it still compiles one side's
     * code slows down whichever side is measured then.
     */
    static WarmUp warmUp(int minCycles, Cycle cycle) throws Exception {
        long jit0 = jitMillis();
        long start = System.nanoTime();
        int cycles = 0;
        long lastJit = 0;
        double lastSeconds = 0;
        while (cycles < minCycles || (cycles < 3 * minCycles && lastJit > 0.05 * lastSeconds * 1000)) {
            long j = jitMillis();
            long t = System.nanoTime();
            cycle.run(cycles++);
            lastJit = jitMillis() - j;
            lastSeconds = (System.nanoTime() - t) / 1e9;
        }
        return new WarmUp((System.nanoTime() - start) / 1e9, cycles, jitMillis() - jit0, lastJit, lastSeconds);
    }

    /** Total JIT compilation time so far, in ms (-1 when the JVM does not tell). */
    static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /** Collections and collection time so far, over all collectors. */
    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** The value at quantile {@code q} (0..1) of {@code values}, interpolated between neighbours. */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    /** {@code median (min–max)} of per-round values, with {@code format} for each number. */
    static String spread(double[] values, String format) {
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", quantile(values, 0.5),
                quantile(values, 0), quantile(values, 1));
    }

    /** The latency at quantile {@code q} of sorted nanosecond values, in ms. */
    static double latencyMillis(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.round(q * (sortedNanos.length - 1)));
        return sortedNanos[i] / 1e6;
    }

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Lines describing the machine and the JVM, for the output header. */
    static List<String> machine() {
        Runtime rt = Runtime.getRuntime();
        List<String> gcs = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(b -> gcs.add(b.getName()));
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "machine: %d available processors, load average %s (1, 5, 15 min)",
                rt.availableProcessors(), loadAverage()));
        out.add(String.format(Locale.ROOT, "jvm: %s %s; heap initial %d MB, max %d MB; GC %s; JVM flags %s",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >> 20, rt.maxMemory() >> 20,
                String.join(" + ", gcs), ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty() ? "(none)"
                        : String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        long init = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
        if (init < rt.maxMemory()) {
            out.add("note: the heap starts below its maximum, so the collector resizes it (and collects more often) "
                    + "early in the run; a fixed heap (" + FIXED_HEAP + ") keeps GC conditions the same in every "
                    + "round");
        }
        return out;
    }

    /** Rotates {@code items} left by {@code by}: round r runs the sides in a different order from round r-1. */
    static <T> List<T> rotated(List<T> items, int by) {
        List<T> out = new ArrayList<>(items);
        java.util.Collections.rotate(out, -(by % Math.max(1, items.size())));
        return out;
    }
}
