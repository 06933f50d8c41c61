package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounded smoke checks that the server is fast and serves 64 clients at once. */
class ThroughputTest extends SimTestBase {

    @Test
    void simpleGetsAreFast() {
        for (int i = 0; i < 1500; i++) {
            api.get("/users/me");
        }
        int n = 3000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(api.get("/users/me").status()).isEqualTo(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("sequential GET /users/me: %.0f requests/s%n", n / seconds);
        assertThat(seconds).as("3000 sequential GETs").isLessThan(15);
    }

    @Test
    void sixtyFourConcurrentClientsAreServed() throws Exception {
        sim.control().setLatency(Duration.ofMillis(50)).setConcurrencyLimits(0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                SimHttp client = api.withToken(sim.issueAccessToken());
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 5; i++) {
                        if (client.get("/tasks/" + fx.taskGid()).status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : futures) {
                ok += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(ok).isEqualTo(320);
            // Serialised, 320 requests of 50 ms would take 16 s.
            assertThat(seconds).isLessThan(6);
            assertThat(sim.stats().maxConcurrentReads()).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
            sim.control().reset();
        }
    }
}
