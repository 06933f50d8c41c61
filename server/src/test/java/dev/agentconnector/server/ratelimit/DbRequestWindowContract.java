package dev.agentconnector.server.ratelimit;

import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.runtime.http.RequestLimiter;
import dev.agentconnector.runtime.http.Sleeper;
import dev.agentconnector.server.connectors.DbRequestWindow;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.store.ConnectorRateLimits;
import dev.agentconnector.server.store.ConnectorRow;
import dev.agentconnector.server.store.ConnectorStore;
import dev.agentconnector.server.store.Organization;
import dev.agentconnector.server.store.OrganizationStore;
import dev.agentconnector.server.store.Workspace;
import dev.agentconnector.server.store.WorkspaceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-minute window shared through the database, as two service instances see it: two connection pools on one
 * database, each with its own {@link DbRequestWindow} for the same connector. Run once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DbRequestWindowContract {
    private TestDatabase database;
    /** Two "instances": separate pools on the same database. */
    private Database one;
    private Database two;
    private final MutableClock clock = new MutableClock();
    private String connectorId;

    abstract TestDatabase database() throws Exception;

    @BeforeAll
    void open() throws Exception {
        database = database();
        if (database.skipReason() != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + database.skipReason());
            return;
        }
        one = Database.open(database.jdbcUrl(), 4, "ratelimit-one");
        two = Database.open(database.jdbcUrl(), 4, "ratelimit-two");
    }

    @AfterAll
    void close() throws Exception {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void newConnector() {
        Assumptions.assumeTrue(database.skipReason() == null, () -> database.skipReason());
        Instant now = Instant.now();
        Organization org = new OrganizationStore(one).create("org-" + UUID.randomUUID(), now);
        Workspace ws = new WorkspaceStore(one).getOrCreate(org.id(), "ws", now);
        connectorId = UUID.randomUUID().toString();
        new ConnectorStore(one).insert(new ConnectorRow(connectorId, org.id(), ws.id(), ws.name(), "Asana", "Asana",
                "d0243522-dccf-4978-8ba0-37ed47a0bdbf", "token", "v1:not-real", now, now, 1,
                ConnectorRateLimits.DEFAULTS));
    }

    @AfterEach
    void resetClock() {
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private DbRequestWindow window(Database db, int perMinute) {
        return new DbRequestWindow(db, connectorId, perMinute, clock);
    }

    @Test
    void twoInstancesShareOneWindow() {
        DbRequestWindow a = window(one, 10);
        DbRequestWindow b = window(two, 10);
        int fromA = 0;
        int fromB = 0;
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(100));
            if (a.tryStart() == 0) {
                fromA++;
            }
            if (b.tryStart() == 0) {
                fromB++;
            }
        }
        assertThat(fromA + fromB).isEqualTo(10);
        assertThat(fromA).isEqualTo(5);
        long waitA = a.tryStart();
        long waitB = b.tryStart();
        // the first start (t = 0.1 s) was handed back at its next lease: counted until 60.1 s; now is 2.0 s
        assertThat(waitA).isBetween(58_000L, 58_200L);
        assertThat(waitB).isBetween(58_000L, 59_200L);

        clock.advance(Duration.ofSeconds(62)); // every start of the first two seconds is a minute old
        int again = 0;
        for (int i = 0; i < 30; i++) {
            if ((i % 2 == 0 ? a : b).tryStart() == 0) {
                again++;
            }
        }
        assertThat(again).isEqualTo(10);
    }

    @Test
    void concurrentInstancesNeverStartMoreThanTheLimit() throws Exception {
        int limit = 150; // leases of up to 3 starts
        List<DbRequestWindow> windows = List.of(window(one, limit), window(two, limit));
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            DbRequestWindow w = windows.get(t % 2);
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    long wait = w.tryStart();
                    if (wait == 0) {
                        started.incrementAndGet();
                    } else if (wait < 100) {
                        Thread.sleep(wait); // another thread of this instance is asking the database
                        i--;
                        continue;
                    }
                    if (i % 10 == 9) {
                        clock.advance(Duration.ofMillis(300)); // leases run out of time, and are handed back
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(started.get()).isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(limit * 8 / 10);
    }

    @Test
    void aCrashedInstancesLeaseExpiresByItself() {
        DbRequestWindow crashed = window(one, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(crashed.tryStart()).isZero();
        }
        // each lease of one start was handed back at the next lease (counted until 60 s), but the last never is:
        // it counts for the second it could be spent in plus a minute, until 61 s
        DbRequestWindow b = window(two, 3);
        assertThat(b.tryStart()).isEqualTo(60_000L);
        clock.advance(Duration.ofMillis(60_500));
        assertThat(b.tryStart()).isZero();
        assertThat(b.tryStart()).isZero();
        assertThat(b.tryStart()).as("the crashed instance's last lease counts until 61 s").isEqualTo(500L);
        clock.advance(Duration.ofMillis(600));
        assertThat(b.tryStart()).isZero();
        assertThat(b.tryStart()).isPositive();
    }

    @Test
    void unspentStartsAreHandedBack() {
        int limit = 600; // leases of up to 10 starts
        DbRequestWindow a = window(one, limit);
        for (int i = 0; i < 4; i++) {
            assertThat(a.tryStart()).isZero(); // leases of 1, 2 and 4 starts: 3 of the last unspent
        }
        DbRequestWindow b = window(two, limit);
        int fromB = 0;
        while (b.tryStart() == 0) {
            fromB++;
        }
        assertThat(fromB).isEqualTo(limit - 7);
        a.release();
        clock.advance(Duration.ofMillis(1_100)); // b trusts its "full" answer for a second
        while (b.tryStart() == 0) {
            fromB++;
        }
        assertThat(fromB).isEqualTo(limit - 4);
    }

    @Test
    void aBoundedWaitRefusesWithTheTimeTheWindowFrees() throws Exception {
        List<Duration> slept = new ArrayList<>();
        Sleeper advancing = d -> {
            slept.add(d);
            clock.advance(d);
        };
        RequestLimiter a = new RequestLimiter(new RateLimits(2, 50, 15), window(one, 2), Duration.ofSeconds(5), 16,
                clock, advancing);
        RequestLimiter b = new RequestLimiter(new RateLimits(2, 50, 15), window(two, 2), Duration.ofSeconds(5), 16,
                clock, advancing);
        a.acquire(false, "tasks.get").close();
        clock.advance(Duration.ofSeconds(1));
        b.acquire(false, "tasks.get").close();
        assertThatThrownBy(() -> a.acquire(false, "tasks.get"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.notSent()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    // a hands back its lease of 0 s as it asks again: one start at 0 s counts until 60 s; now is 1 s
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(59));
                    assertThat(e.getMessage()).startsWith("tasks.get: not sent: this credential's limit of 2 "
                            + "requests a minute is used up").endsWith("retry after 59 s");
                });
        assertThat(slept).isEmpty(); // refused at once, without waiting the 5 s

        clock.advance(Duration.ofSeconds(57)); // now 58 s: the first start frees in 2 s, within the 5 s allowed
        b.acquire(false, "tasks.get").close();
        assertThat(slept).hasSize(1);
        assertThat(slept.get(0)).isEqualTo(Duration.ofMillis(2_000));
    }

    @Test
    void requestsBeyondTheWaitingCapAreRefusedAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Sleeper gated = d -> {
            gate.await();
            clock.advance(d);
        };
        RequestLimiter limiter = new RequestLimiter(new RateLimits(1, 50, 15), window(one, 1), Duration.ofSeconds(5),
                2, clock, gated);
        limiter.acquire(false, "tasks.get").close();
        clock.advance(Duration.ofSeconds(58)); // the start frees at 61 s: within the 5 s allowed
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(pool.submit(() -> {
                try {
                    limiter.acquire(false, "tasks.get").close();
                    return "started";
                } catch (RateLimitException e) {
                    return "refused";
                }
            }));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.waiting() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(limiter.waiting()).isEqualTo(2);
        assertThatThrownBy(() -> limiter.acquire(false, "tasks.get"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getMessage()).contains("2 requests of this credential are already waiting");
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
                });
        gate.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> w : waiters) {
            outcomes.add(w.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();
        // one start frees; whoever comes second finds the window full for another minute
        assertThat(outcomes).containsExactlyInAnyOrder("started", "refused");
        assertThat(limiter.waiting()).isZero();
    }

    /** A clock the tests move by hand, shared by both "instances". */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
