package dev.agentconnector.server.connectors;

import dev.agentconnector.runtime.http.RequestWindow;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.store.RateLimitStore;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A connector's per-minute window of request starts, shared through the database by every instance that uses it, so
 * that together they never start more than {@code perMinute} Asana requests in any 60 seconds.
 *
 * <p>Asking the database for every request would put a transaction on the hot path, so an instance leases a few
 * starts at a time and spends them locally. In one transaction it locks the connector's window row (PostgreSQL row
 * lock; SQLite's single writer), hands back what its previous lease did not spend, drops expired leases, sums the
 * live ones, and, when they leave room, records a new lease. A lease must be spent within {@link #LEASE_MILLIS} of
 * its grant, so it counts against the window until one minute after that; when it is handed back (at the next lease,
 * or when the executor is dropped) it shrinks to the starts made, until one minute after the last of them. No 60
 * seconds therefore hold more starts than the limit, whichever instance made them, and a crashed instance's leases
 * free themselves. Lease sizes adapt: one start at first, doubling while leases run out before their time, up to a
 * second's worth of the limit; after a slow lease, about what it used. While the window is full, the instance
 * remembers when the database expects room (the earliest expiry that frees a start) and asks again at most every
 * {@link #RECHECK_MILLIS}. One thread at a time asks the database, without holding up the others: while it does,
 * they are told to look again in {@link #IN_FLIGHT_MILLIS}, so that they wait in the limiter (where the maximum wait
 * and the cap on waiting requests apply) rather than in here.
 *
 * <p>Times come from each instance's clock: instances on one database need clocks within a fraction of a second of
 * each other for the limit to hold exactly.
 */
public final class DbRequestWindow implements RequestWindow {
    /** Length of the window. */
    static final long WINDOW_MILLIS = 60_000;
    /** How long after its grant a lease's starts may be spent. */
    static final long LEASE_MILLIS = 1_000;
    /** How long a "full" answer is trusted before the database is asked again. */
    static final long RECHECK_MILLIS = 1_000;
    /** The wait suggested while another thread is asking the database. */
    static final long IN_FLIGHT_MILLIS = 5;

    private static final System.Logger LOG = System.getLogger(DbRequestWindow.class.getName());

    private final Database db;
    private final RateLimitStore store;
    private final String connectorId;
    private final int perMinute;
    private final int maxLease;
    private final Clock clock;

    // guarded by this
    private String leaseId;
    private int leaseStarts;
    private int leaseUsed;
    private long leaseEndsAt;
    private long lastStart;
    private int nextLease = 1;
    private long fullUntil;
    private long recheckAt;
    private boolean leasing;

    /**
     * @param perMinute the connector's limit (at least 1)
     * @param clock     the time of starts and leases
     */
    public DbRequestWindow(Database db, String connectorId, int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
        }
        this.db = db;
        this.store = new RateLimitStore();
        this.connectorId = connectorId;
        this.perMinute = perMinute;
        this.maxLease = Math.max(1, (int) Math.ceil(perMinute / 60.0));
        this.clock = clock;
    }

    /** The limit this window enforces. */
    public int perMinute() {
        return perMinute;
    }

    @Override
    public long tryStart() {
        long now;
        String spentId;
        int spentUsed;
        long spentLast;
        int size;
        synchronized (this) {
            now = clock.millis();
            if (leaseId != null && leaseUsed < leaseStarts && now < leaseEndsAt) {
                leaseUsed++;
                lastStart = now;
                return 0;
            }
            if (now < recheckAt) {
                return Math.max(1, fullUntil - now);
            }
            if (leasing) {
                return IN_FLIGHT_MILLIS;
            }
            // the current lease, if any, is used up or out of time: nobody spends from it any more
            leasing = true;
            spentId = leaseId;
            spentUsed = leaseUsed;
            spentLast = lastStart;
            size = nextLeaseSize(now);
        }
        boolean done = false;
        try {
            long wait = lease(now, spentId, spentUsed, spentLast, size);
            done = true;
            return wait;
        } finally {
            if (!done) {
                synchronized (this) {
                    leasing = false; // the lease in hand stays to be handed back at the next attempt
                }
            }
        }
    }

    /**
     * Hands back the spent lease and takes a new one (spending its first start), or learns how long until room; then
     * records the outcome.
     */
    private long lease(long now, String spentId, int spentUsed, long spentLast, int size) {
        String newId = UUID.randomUUID().toString();
        long[] result = db.transaction("taking Asana rate-limit starts", c -> {
            if (!store.lockWindow(c, connectorId, now)) {
                return new long[] {-1, 0}; // the connector was deleted: nothing left to share
            }
            if (spentId != null) {
                store.settleLease(c, spentId, spentUsed, spentLast + WINDOW_MILLIS);
            }
            List<RateLimitStore.Lease> live = store.liveLeases(c, connectorId, now);
            long used = 0;
            for (RateLimitStore.Lease l : live) {
                used += l.starts();
            }
            if (used < perMinute) {
                int granted = (int) Math.min(size, perMinute - used);
                store.insertLease(c, newId, connectorId, granted, now + LEASE_MILLIS + WINDOW_MILLIS);
                return new long[] {granted, 0};
            }
            long mustFree = used - perMinute + 1;
            long freed = 0;
            for (RateLimitStore.Lease l : live) {
                freed += l.starts();
                if (freed >= mustFree) {
                    return new long[] {0, Math.max(1, l.expiresAt() - now)};
                }
            }
            return new long[] {0, WINDOW_MILLIS};
        });
        synchronized (this) {
            leasing = false;
            leaseId = null;
            if (result[0] < 0) {
                return 0;
            }
            if (result[0] == 0) {
                fullUntil = now + result[1];
                recheckAt = now + Math.min(result[1], RECHECK_MILLIS);
                return result[1];
            }
            leaseId = newId;
            leaseStarts = (int) result[0];
            leaseUsed = 1;
            leaseEndsAt = now + LEASE_MILLIS;
            lastStart = now;
            return 0;
        }
    }

    /** Size of the next lease, from how the current one went; called under the lock. */
    private int nextLeaseSize(long now) {
        if (leaseId != null) {
            boolean ranOut = leaseUsed >= leaseStarts && now < leaseEndsAt;
            nextLease = ranOut ? Math.min(maxLease, Math.max(1, leaseStarts) * 2) : Math.max(1, leaseUsed);
        }
        return Math.min(nextLease, maxLease);
    }

    /**
     * Hands back the starts of the current lease that were not spent, so that other instances may use them; the
     * window stays usable (the next start leases anew). Best effort: a failure is logged, and the lease then
     * expires by itself.
     *
     * @return false when the database could not be reached
     */
    public boolean release() {
        String id;
        int used;
        long expiresAt;
        synchronized (this) {
            if (leaseId == null || leasing || leaseUsed >= leaseStarts) {
                return true; // nothing unspent: handing back a used-up lease would only end it up to a second sooner
            }
            id = leaseId;
            used = leaseUsed;
            expiresAt = lastStart + WINDOW_MILLIS;
            leaseId = null;
        }
        try {
            db.transaction("handing back Asana rate-limit starts", c -> {
                store.settleLease(c, id, used, expiresAt);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "could not hand back the rate-limit lease of connector "
                    + connectorId + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public String toString() {
        return "DbRequestWindow[connector=" + connectorId + ", " + perMinute + "/min]";
    }
}
