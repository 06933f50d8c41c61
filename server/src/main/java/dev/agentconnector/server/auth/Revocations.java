package dev.agentconnector.server.auth;

import dev.agentconnector.server.store.Application;
import dev.agentconnector.server.store.ApplicationStore;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Whether a signed token's application still accepts it: the application exists, is not revoked, and its secret
 * was not rotated after the token was issued. Each application's state is read from the database at most once per
 * {@code ttl} per instance, so a revocation reaches every instance on the database within that time.
 */
public final class Revocations {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(boolean active, long tokensValidAfter, long loadedAtNanos) {
    }

    private final Function<String, Optional<Application>> lookup;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** Checks against the application store, caching each answer for {@code ttl}. */
    public Revocations(ApplicationStore store, Duration ttl) {
        this(store::findById, ttl, System::nanoTime);
    }

    Revocations(Function<String, Optional<Application>> lookup, Duration ttl, LongSupplier nanoTime) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** True when the token's application is active and the token was issued after its last secret rotation. */
    public boolean accepts(AccessTokens.Verified token) {
        String app = token.principal().applicationId();
        long now = nanoTime.getAsLong();
        Entry e = cache.get(app);
        if (e == null || now - e.loadedAtNanos() >= ttlNanos) {
            Optional<Application> row = lookup.apply(app);
            e = new Entry(row.isPresent() && !row.get().revoked() && row.get().organizationId()
                    .equals(token.principal().organizationId()), row.map(Application::tokensValidAfter).orElse(0L),
                    now);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // a cache, not a registry: losing it only costs lookups
            }
            cache.put(app, e);
        }
        return e.active() && token.issuedAtMillis() >= e.tokensValidAfter();
    }
}
