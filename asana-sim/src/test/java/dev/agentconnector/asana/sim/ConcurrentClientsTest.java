package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server answers 64 clients at once rather than one after another. Speed itself is measured by the benchmarks
 * in bench/, not asserted here.
 */
class ConcurrentClientsTest extends SimTestBase {

    @Test
    void sixtyFourConcurrentClientsAreServedInParallel() throws Exception {
        sim.control().setLatency(Duration.ofMillis(100)).setConcurrencyLimits(0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            SimHttp client = api.withToken(sim.issueAccessToken());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    int ok = 0;
                    for (int i = 0; i < 3; i++) {
                        if (client.get("/tasks/" + fx.taskGid()).status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<Integer> f : futures) {
                ok += f.get();
            }
            assertThat(ok).isEqualTo(192);
            // with one token and 100 ms per answer, overlap shows as many requests in flight together
            assertThat(sim.stats().maxConcurrentReads()).isGreaterThanOrEqualTo(32);
        } finally {
            pool.shutdownNow();
            sim.control().reset();
        }
    }
}
