package dev.agentconnector.server.connectors;

import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.LocalExecutor;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ConnectorRow;
import dev.agentconnector.server.store.ConnectorStore;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One local executor per connector, kept in memory and rebuilt when the stored connector changes (its version moves
 * past the one the executor was built from). Rate limits, OAuth state and HTTP connections therefore persist across
 * requests. At most {@code maxEntries} are kept.
 *
 * <p>Each executor applies the connector's own rate limits over the service's defaults (the options'
 * {@link ConnectorOptions#rateLimits()}). The per-minute limit is shared by every instance on the database through a
 * {@link DbRequestWindow}, kept across rebuilds while the limit stays the same. The concurrency caps are counted per
 * instance: sharing them would take a database round trip at the start and at the end of every request, and
 * Asana answers a burst over its concurrency limit with a 429 that the engine waits out and retries.
 */
public final class ExecutorCache implements AutoCloseable {
    private static final class Entry {
        final LocalExecutor executor;
        final AtomicLong version;
        final DbRequestWindow window;
        volatile long lastUsed = System.nanoTime();

        Entry(LocalExecutor executor, AtomicLong version, DbRequestWindow window) {
            this.executor = executor;
            this.version = version;
            this.window = window;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConnectorOptions options;
    private final Database db;
    private final ConnectorStore connectors;
    private final CredentialVault vault;
    private final OAuthTokenClient tokenClient;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final int maxEntries;

    /** @param maxEntries executors kept; beyond it the least recently used are dropped (and rebuilt when needed) */
    public ExecutorCache(ConnectorOptions options, Database db, ConnectorStore connectors, CredentialVault vault,
                         OAuthTokenClient tokenClient, ServerMetrics metrics, Clock clock, int maxEntries) {
        this.maxEntries = maxEntries;
        this.options = options;
        this.db = db;
        this.connectors = connectors;
        this.vault = vault;
        this.tokenClient = tokenClient;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The executor for this connector row, built or rebuilt as needed. */
    public LocalExecutor get(ConnectorRow row) {
        // Versions only grow: an entry at or past the row's version (it may have stored a renewal itself since the
        // row was read) is current.
        Entry e = entries.compute(row.id(), (id, old) ->
                old != null && old.version.get() >= row.version() ? old : build(row, old));
        e.lastUsed = System.nanoTime();
        if (entries.size() > maxEntries) {
            trim();
        }
        return e.executor;
    }

    /** Drops the least recently used tenth beyond the limit; executors still in use finish their calls. */
    private synchronized void trim() {
        int excess = entries.size() - maxEntries + maxEntries / 10;
        if (excess <= 0) {
            return;
        }
        entries.entrySet().stream()
                .sorted(Comparator.comparingLong(x -> x.getValue().lastUsed))
                .limit(excess)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(entries::remove);
    }

    private Entry build(ConnectorRow row, Entry old) {
        StoredCredentials credentials = vault.open(row.id(), row.sealedCredentials());
        AtomicLong version = new AtomicLong(row.version());
        RateLimits limits = row.rateLimits().over(options.rateLimits());
        DbRequestWindow window = null;
        if (limits.requestsPerMinute() > 0) {
            window = old != null && old.window != null && old.window.perMinute() == limits.requestsPerMinute()
                    ? old.window : new DbRequestWindow(db, row.id(), limits.requestsPerMinute(), clock);
        }
        ConnectorOptions.Builder b = options.toBuilder().rateLimits(limits).requestWindow(window);
        if (credentials instanceof StoredCredentials.OAuth) {
            b.refreshCoordinator(new DbRefreshCoordinator(db, connectors, vault, tokenClient, metrics, clock,
                    row.id(), version));
        }
        return new Entry(new LocalExecutor(AsanaSpec.get(), credentials.toRuntime(), b.build()), version, window);
    }

    /** Forgets a connector (deleted or edited), handing back the rate-limit starts it leased and did not spend. */
    public void evict(String connectorId) {
        Entry e = entries.remove(connectorId);
        if (e != null && e.window != null) {
            e.window.release();
        }
    }

    /** Executors held. */
    public int size() {
        return entries.size();
    }

    /** Hands back unspent rate-limit starts (until the database fails to answer) and closes the executors. */
    @Override
    public void close() {
        boolean reachable = true;
        for (Entry e : entries.values()) {
            if (reachable && e.window != null) {
                reachable = e.window.release();
            }
            e.executor.close();
        }
        entries.clear();
    }
}
