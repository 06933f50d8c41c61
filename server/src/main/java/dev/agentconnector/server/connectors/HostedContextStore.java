package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.contextstore.asana.AsanaFullSync;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.server.store.ConnectorRow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each connector's synced copy of Asana in the service's database (the context store, scope = connector id): sync
 * passes run in the background, at most one per connector on this instance, through the connector's own executor
 * (its stored credentials, limits and renewals); searches read only the caller's connector's records; deleting a
 * connector deletes them.
 */
public final class HostedContextStore implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final System.Logger LOG = System.getLogger(HostedContextStore.class.getName());

    /** The state of a connector's sync on this instance. */
    public record Status(String state, Instant startedAt, Instant finishedAt, Map<String, Long> written,
                         Map<String, Integer> removed, String error) {
    }

    private final ContextStore store;
    private final ExecutorCache executors;
    private final Clock clock;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final ExecutorService passes;

    public HostedContextStore(ContextStore store, ExecutorCache executors, Clock clock, int threads) {
        this.store = store;
        this.executors = executors;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.passes = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "context-store-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a pass for the connector unless one runs; returns the status then. */
    public Status start(ConnectorRow row) {
        Status running = new Status("running", clock.instant(), null, Map.of(), Map.of(), null);
        Status now = statuses.compute(row.id(), (id, old) -> old != null && old.state().equals("running") ? old
                : running);
        if (now != running) {
            return now;
        }
        try {
            passes.execute(() -> run(row, running));
        } catch (RejectedExecutionException e) {
            statuses.remove(row.id(), running);
            throw new IllegalStateException("the server is stopping", e);
        }
        return running;
    }

    private void run(ConnectorRow row, Status started) {
        Status done;
        try {
            AsanaFullSync.Report r = new AsanaFullSync(executors.get(row), store, row.id(), clock)
                    .run(List.of(), Set.copyOf(AsanaFullSync.DEFAULT_ENTITIES), line -> { });
            done = new Status("succeeded", started.startedAt(), clock.instant(), r.written(), r.removed(), null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync of connector " + row.id() + " failed: " + e.getMessage());
            done = new Status("failed", started.startedAt(), clock.instant(), Map.of(), Map.of(), e.getMessage());
        }
        statuses.replace(row.id(), started, done);
    }

    /** The connector's sync as JSON for inspect: state, times, counts, and when each entity was last synced. */
    public ObjectNode describe(String connectorId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Status s = statuses.get(connectorId);
        out.put("status", s == null ? "idle" : s.state());
        if (s != null) {
            out.put("started_at", s.startedAt().toString());
            out.put("finished_at", s.finishedAt() == null ? null : s.finishedAt().toString());
            out.set("written", JSON.valueToTree(s.written()));
            out.set("removed", JSON.valueToTree(s.removed()));
            out.put("error", s.error());
        }
        ObjectNode synced = out.putObject("synced_at");
        for (String entity : StoreActions.ENTITIES) {
            Long at = store.syncedAt(connectorId, entity);
            synced.put(entity, at == null ? null : Instant.ofEpochMilli(at).toString());
        }
        return out;
    }

    /** A search or aggregate over the connector's records. */
    public ExecutionResult run(String connectorId, String entity, String action, JsonNode params) {
        return StoreActions.run(store, connectorId, entity, action, params);
    }

    /** Deletes a connector's records. */
    public void forget(String connectorId) {
        statuses.remove(connectorId);
        store.deleteScope(connectorId);
    }

    @Override
    public void close() {
        passes.shutdownNow();
    }
}
