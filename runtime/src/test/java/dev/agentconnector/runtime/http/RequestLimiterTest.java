package dev.agentconnector.runtime.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimiterTest {
    @Test
    void concurrentWritesNeverExceedTheLimit() throws Exception {
        RequestLimiter limiter = new RequestLimiter(new RateLimits(0, 50, 3), Clock.systemUTC(), Sleeper.SYSTEM);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch done = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> {
                try (RequestLimiter.Permit p = limiter.acquire(true)) {
                    max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    inFlight.decrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
                return null;
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(max.get()).isEqualTo(3);
    }

    @Test
    void windowDelaysTheRequestBeyondThePerMinuteLimit() throws Exception {
        MutableClock clock = new MutableClock();
        List<Duration> waits = new ArrayList<>();
        Sleeper advancing = d -> {
            waits.add(d);
            clock.now = clock.now.plus(d);
        };
        RequestLimiter limiter = new RequestLimiter(new RateLimits(3, 0, 0), clock, advancing);
        for (int i = 0; i < 3; i++) {
            limiter.acquire(false).close();
            clock.now = clock.now.plusSeconds(1);
        }
        limiter.acquire(false).close();
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(57));
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
