package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.contextstore.asana.AsanaSync;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.server.db.Database;
import dev.agentconnector.server.metrics.ServerMetrics;
import dev.agentconnector.server.store.ConnectorRow;
import dev.agentconnector.server.store.ConnectorStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each connector's synced copy of Asana in the service's database (the context store, scope = connector id).
 *
 * <p>Syncs are jobs in the database ({@link SyncJobs}): a request makes a connector's job due, and every instance
 * polls for due jobs and claims them with a lease, so a connector's pass runs on one instance at a time and the
 * instances on one database share the work. A pass goes through the connector's own executor (its stored
 * credentials, limits and renewals); the first pass lists everything, later ones read only the changes. When a pass
 * ends, the connector's job is due again after the sync interval (the schedule), or at once if a sync was asked for
 * meanwhile. Searches read only the caller's connector's records; deleting a connector deletes them.
 */
public final class HostedContextStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(HostedContextStore.class.getName());

    /** How the service schedules syncs. */
    public record Settings(int threads, Duration interval, Duration poll, Duration lease) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("sync threads must be at least 1");
            }
            if (interval.isNegative() || poll.isNegative() || poll.isZero() || lease.toMillis() < 1000) {
                throw new IllegalArgumentException("sync interval, poll and lease must be positive");
            }
        }
    }

    private final ContextStore store;
    private final SyncJobs jobs;
    private final ConnectorStore connectors;
    private final ExecutorCache executors;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Settings settings;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService passes;
    private final ScheduledExecutorService poller;
    private volatile boolean closing;

    public HostedContextStore(ContextStore store, Database db, ConnectorStore connectors, ExecutorCache executors,
                              ServerMetrics metrics, Clock clock, Settings settings) {
        this.store = store;
        this.jobs = new SyncJobs(db);
        this.connectors = connectors;
        this.executors = executors;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.slots = new Semaphore(settings.threads());
        AtomicInteger n = new AtomicInteger();
        this.passes = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "context-store-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "context-store-sync-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::claimDue, settings.poll().toMillis(), settings.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        metrics.gauge("asana_agent_context_store_syncs_running", "Context-store sync passes running on this instance",
                running::get);
    }

    /** Passes running on this instance. */
    public int running() {
        return running.get();
    }

    /** Asks for a pass of the connector's sync now (after the one running, if any); returns its status. */
    public ObjectNode request(ConnectorRow row) {
        jobs.request(row.id(), clock.millis());
        poller.execute(this::claimDue);
        return describe(row.id());
    }

    /** Claims due jobs while this instance has free sync threads. */
    private void claimDue() {
        try {
            while (slots.tryAcquire()) {
                long now = clock.millis();
                Optional<String> claimed = jobs.claim(owner, now, now + settings.lease().toMillis());
                if (claimed.isEmpty()) {
                    slots.release();
                    return;
                }
                String id = claimed.get();
                try {
                    passes.execute(() -> {
                        try {
                            pass(id);
                        } finally {
                            slots.release();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    slots.release();
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "claiming context-store syncs failed: " + e.getMessage());
        }
    }

    private void pass(String connectorId) {
        running.incrementAndGet();
        long start = System.nanoTime();
        String outcome = "failed";
        String error = null;
        String report = null;
        try {
            Optional<ConnectorRow> row = connectors.findById(connectorId);
            if (row.isEmpty()) {
                jobs.delete(connectorId);
                return;
            }
            long[] renewed = {clock.millis()};
            long renewEvery = settings.lease().toMillis() / 4;
            AsanaSync.Report r = new AsanaSync(executors.get(row.get()), store, connectorId, clock)
                    .run(List.of(), Set.copyOf(AsanaSync.DEFAULT_ENTITIES), false, line -> {
                        long now = clock.millis();
                        if (now - renewed[0] >= renewEvery) {
                            renewed[0] = now;
                            if (!jobs.renew(connectorId, owner, now + settings.lease().toMillis())) {
                                throw new LeaseLost();
                            }
                        }
                    });
            outcome = "succeeded";
            report = json(r);
            metrics.sync(outcome, System.nanoTime() - start, r.written().values().stream().mapToLong(v -> v).sum(),
                    r.removed().values().stream().mapToLong(v -> v).sum(), r.requests());
        } catch (LeaseLost e) {
            LOG.log(System.Logger.Level.WARNING, "sync of connector " + connectorId + " stopped: its lease is gone "
                    + "(it lapsed and another instance took the job, or the connector was deleted)");
            metrics.sync("lease_lost", System.nanoTime() - start, 0, 0, 0);
            if (connectors.findById(connectorId).isEmpty()) {
                forget(connectorId);
            }
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync of connector " + connectorId + " failed: " + e.getMessage());
            error = e.getMessage();
            metrics.sync(outcome, System.nanoTime() - start, 0, 0, 0);
        } finally {
            running.decrementAndGet();
        }
        try {
            if (closing) {
                // this instance is stopping: the job goes back, still due, for another instance to resume at once
                jobs.release(connectorId, owner);
                return;
            }
            if (connectors.findById(connectorId).isEmpty()) {
                // deleted during the pass: what the pass wrote after the delete goes too
                forget(connectorId);
                return;
            }
            jobs.finish(connectorId, owner, clock.millis(), outcome, error, report, settings.interval().toMillis());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "recording the sync of connector " + connectorId + " failed: "
                    + e.getMessage() + "; its lease lapses and the sync runs again");
        }
    }

    private static String json(AsanaSync.Report r) {
        ObjectNode out = JSON.createObjectNode();
        out.set("written", JSON.valueToTree(r.written()));
        out.set("removed", JSON.valueToTree(r.removed()));
        out.put("requests", r.requests());
        out.put("changes", r.changes());
        out.put("projects_listed", r.projectsListed());
        out.put("projects_incremental", r.projectsIncremental());
        out.put("took_ms", r.tookMillis());
        return out.toString();
    }

    /**
     * The connector's sync as JSON for inspect: {@code status} (idle: never asked; queued; running; succeeded;
     * failed: the last pass's outcome), the last pass's times and counts, when the next is due, and when each entity
     * was last synced.
     */
    public ObjectNode describe(String connectorId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        long now = clock.millis();
        Optional<SyncJobs.Job> found = jobs.get(connectorId);
        if (found.isEmpty()) {
            out.put("status", "idle");
        } else {
            SyncJobs.Job j = found.get();
            String status;
            if (j.running(now)) {
                status = "running";
            } else if (j.dueAt() != null && j.dueAt() <= now) {
                status = "queued";
            } else {
                status = j.outcome() == null ? "idle" : j.outcome();
            }
            out.put("status", status);
            out.put("started_at", time(j.startedAt()));
            out.put("finished_at", j.running(now) ? null : time(j.finishedAt()));
            out.put("next_sync_at", time(j.dueAt()));
            out.put("passes", j.passes());
            if (j.outcome() != null) {
                out.put("last_outcome", j.outcome());
            }
            JsonNode report = read(j.report());
            for (String f : List.of("written", "removed", "requests", "changes", "took_ms")) {
                if (report.has(f)) {
                    out.set(f, report.get(f));
                }
            }
            out.put("error", j.error());
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

    /** Deletes a connector's records and its sync job. */
    public void forget(String connectorId) {
        jobs.delete(connectorId);
        store.deleteScope(connectorId);
    }

    /** Stops polling and the passes running here; their jobs go back to the database for other instances. */
    @Override
    public void close() {
        closing = true;
        poller.shutdownNow();
        passes.shutdownNow();
        try {
            if (!passes.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "a context-store sync did not stop within 10 s; its lease "
                        + "lapses and another instance resumes it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static JsonNode read(String json) {
        if (json == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Thrown from a pass's progress when its lease was lost, to stop it. */
    private static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost() {
            super("the sync lease lapsed", null, false, false);
        }
    }
}
