package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.RateLimitException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aBoundedWaitRefusesAtOnceWhenTheWindowFreesTooLate() throws Exception {
        MutableClock clock = new MutableClock();
        List<Duration> waits = new ArrayList<>();
        Sleeper advancing = d -> {
            waits.add(d);
            clock.now = clock.now.plus(d);
        };
        RequestLimiter limiter = new RequestLimiter(new RateLimits(2, 0, 0), null, Duration.ofSeconds(5), 0, clock,
                advancing);
        limiter.acquire(false, "tasks.get").close();
        clock.now = clock.now.plusSeconds(10);
        limiter.acquire(false, "tasks.get").close();
        clock.now = clock.now.plusSeconds(48); // the first start frees in 2 s, the second in 12 s

        limiter.acquire(false, "tasks.get").close(); // waits the 2 s: within the 5 s allowed
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThatThrownBy(() -> limiter.acquire(false, "tasks.get"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.notSent()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(e.operation()).isEqualTo("tasks.get");
                    assertThat(e.getMessage()).startsWith("tasks.get: not sent: this credential's limit of 2 "
                            + "requests a minute is used up").contains("further away than the 5 s a request may wait")
                            .endsWith("retry after 10 s");
                });
        assertThat(waits).hasSize(1); // refused without waiting
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aBoundedWaitRefusesAfterTheMaximumWhenNoConcurrencySlotFrees() throws Exception {
        RequestLimiter limiter = new RequestLimiter(new RateLimits(0, 1, 1), null, Duration.ofMillis(300), 0,
                Clock.systemUTC(), Sleeper.SYSTEM);
        RequestLimiter.Permit held = limiter.acquire(true, "tasks.create");
        long start = System.nanoTime();
        assertThatThrownBy(() -> limiter.acquire(true, "tasks.update"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("all 1 concurrent writes").contains("300 ms");
                });
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).isBetween(250L, 2000L);
        limiter.acquire(false, "tasks.get").close(); // reads have their own pool
        held.close();
        limiter.acquire(true, "tasks.update").close();
    }

    @Test
    void requestsBeyondTheWaitingCapAreRefusedAtOnce() throws Exception {
        RequestLimiter limiter = new RequestLimiter(new RateLimits(0, 1, 0), null, Duration.ofSeconds(30), 2,
                Clock.systemUTC(), Sleeper.SYSTEM);
        RequestLimiter.Permit held = limiter.acquire(false, "tasks.get");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(pool.submit(() -> {
                limiter.acquire(false, "tasks.get").close();
                return null;
            }));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.waiting() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(limiter.waiting()).isEqualTo(2);
        long start = System.nanoTime();
        assertThatThrownBy(() -> limiter.acquire(false, "tasks.get"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.notSent()).isTrue();
                    assertThat(e.getMessage()).contains("2 requests of this credential are already waiting");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
        held.close();
        for (var w : waiters) {
            w.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aSuppliedWindowReplacesTheInMemoryOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        RequestWindow shared = () -> asked.incrementAndGet() <= 2 ? 0 : 40_000;
        RequestLimiter limiter = new RequestLimiter(new RateLimits(2, 0, 0), shared, Duration.ZERO, 0,
                Clock.systemUTC(), Sleeper.SYSTEM);
        limiter.acquire(false).close();
        limiter.acquire(false).close();
        assertThatThrownBy(() -> limiter.acquire(false))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40));
                    assertThat(e.operation()).isNull();
                    assertThat(e.getMessage()).startsWith("not sent: ");
                });
        assertThat(asked.get()).isEqualTo(3);
    }

    @Test
    void theRefusalCrossesTheHostedWireUnchanged() {
        RateLimitException local = RateLimitException.limitedBeforeSending("tasks.get",
                "not sent: too busy; retry after 7 s", Duration.ofSeconds(7));
        com.fasterxml.jackson.databind.node.ObjectNode details =
                dev.agentconnector.runtime.hosted.HostedErrors.details(local);
        assertThat(details.get("not_sent").asBoolean()).isTrue();
        assertThat(details.get("retry_after_seconds").asInt()).isEqualTo(7);
        assertThat(dev.agentconnector.runtime.hosted.HostedErrors.httpStatus(local)).isEqualTo(429);
        var rebuilt = dev.agentconnector.runtime.hosted.HostedErrors.exception(429, "rate_limited",
                local.getMessage(), null, details, "Asana");
        assertThat(rebuilt).isInstanceOfSatisfying(RateLimitException.class, r -> {
            assertThat(r.getMessage()).isEqualTo(local.getMessage());
            assertThat(r.notSent()).isTrue();
            assertThat(r.retryAfter()).isEqualTo(local.retryAfter());
        });
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
