package dev.agentconnector.contextstore.asana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A full pass over Asana into a {@link ContextStore}: workspaces, then per workspace its users, teams, projects and
 * tags, then per project its sections and tasks (and, when asked, per task its attachments), a page of 100 at a time
 * through the connector (its limiter, retries and token renewals apply), each page written as it arrives so the heap
 * stays flat at any size. Tasks are fetched with the fields search can filter on. Records are written with the
 * pass's start time; when the pass completes, the records of each synced entity not seen in it are removed (they
 * were deleted or moved out of reach). A pass that fails leaves the store as the pages written so far made it, with
 * nothing removed, and a new pass starts over without duplicating anything.
 */
public final class AsanaFullSync {
    /** The entities a pass writes by default (attachments take one request per task, so they are asked for). */
    public static final List<String> DEFAULT_ENTITIES = List.of("workspaces", "users", "teams", "projects", "tags",
            "sections", "tasks");
    /** Every entity a pass can write. */
    public static final List<String> ENTITIES = List.of("workspaces", "users", "teams", "projects", "tags",
            "sections", "tasks", "attachments");

    /** The task fields search filters on (the reference's 36, less those the API computes per viewer). */
    static final List<String> TASK_FIELDS = List.of("name", "resource_type", "resource_subtype", "approval_status",
            "assignee.name", "assignee.email", "completed", "completed_at", "completed_by.name", "created_at",
            "dependencies", "dependents", "due_at", "due_on", "external", "followers.name", "hearted", "html_notes",
            "is_rendered_as_separator", "liked", "memberships.project.name", "memberships.section.name",
            "modified_at", "notes", "num_hearts", "num_likes", "num_subtasks", "parent.name", "permalink_url",
            "projects.name", "start_on", "tags.name", "workspace.name", "actual_time_minutes", "custom_fields",
            "hearts", "likes");

    /** What a pass did. */
    public record Report(Map<String, Long> written, Map<String, Integer> removed, long requests, long tookMillis) {
    }

    private final Executor asana;
    private final ContextStore store;
    private final String scope;
    private final Clock clock;

    /** A pass through {@code asana} into {@code store} under {@code scope} (a connector id, or {@code local}). */
    public AsanaFullSync(Executor asana, ContextStore store, String scope, Clock clock) {
        this.asana = asana;
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Runs one pass.
     *
     * @param workspaces workspace gids to sync, or empty for every workspace the credentials see
     * @param entities   the entities to write (of {@link #ENTITIES})
     * @param progress   told a line after every page
     * @throws SyncException when a request fails (after the connector's retries); nothing is removed then
     */
    public Report run(List<String> workspaces, Set<String> entities, Consumer<String> progress) {
        for (String e : entities) {
            if (!ENTITIES.contains(e)) {
                throw new IllegalArgumentException("unknown entity '" + e + "': a sync writes " + ENTITIES);
            }
        }
        long start = clock.millis();
        Pass pass = new Pass(start, entities, progress);
        List<String> found = new ArrayList<>();
        pass.list("workspaces", "workspaces", Map.of(), entities.contains("workspaces"), found::add);
        for (String gid : found) {
            if (!workspaces.isEmpty() && !workspaces.contains(gid)) {
                continue;
            }
            Map<String, Object> in = Map.of("workspace_gid", gid);
            pass.each("users", "workspace_users", in, List.of("name", "email"));
            pass.each("teams", "workspace_teams", in, List.of("name", "description", "organization.name"));
            pass.each("tags", "workspace_tags", in, List.of("name", "color", "notes", "created_at",
                    "workspace.name"));
            List<String> projects = new ArrayList<>();
            pass.each("projects", "workspace_projects", in, List.of("name", "archived", "color", "created_at",
                    "modified_at", "due_on", "start_on", "notes", "owner.name", "team.name", "workspace.name",
                    "public"), projects::add,
                    entities.contains("projects") || entities.contains("sections") || entities.contains("tasks")
                            || entities.contains("attachments"));
            for (String project : projects) {
                Map<String, Object> of = Map.of("project_gid", project);
                pass.each("sections", "project_sections", of, List.of("name", "created_at", "project.name"));
                // task gids are kept only when their attachments are to be listed
                List<String> tasks = new ArrayList<>();
                pass.each("tasks", "project_tasks", of, TASK_FIELDS,
                        entities.contains("attachments") ? tasks::add : task -> { },
                        entities.contains("tasks") || entities.contains("attachments"));
                if (entities.contains("attachments")) {
                    for (String task : tasks) {
                        pass.each("attachments", "attachments", Map.of("parent", task), List.of("name",
                                "resource_subtype", "created_at", "host", "size", "parent.name", "permanent_url",
                                "view_url"));
                    }
                }
            }
        }
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (String e : entities) {
            removed.put(e, store.sweep(scope, e, start));
            store.markSynced(scope, e, start);
        }
        progress.accept("sync done: " + pass.written + " written, " + removed + " removed, " + pass.requests
                + " requests");
        return new Report(pass.written, removed, pass.requests, clock.millis() - start);
    }

    /** A request that failed for good; the pass stopped and removed nothing. */
    public static final class SyncException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyncException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final class Pass {
        final long start;
        final Set<String> entities;
        final Consumer<String> progress;
        final Map<String, Long> written = new LinkedHashMap<>();
        long requests;

        Pass(long start, Set<String> entities, Consumer<String> progress) {
            this.start = start;
            this.entities = new LinkedHashSet<>(entities);
            this.progress = progress;
        }

        void each(String entity, String listEntity, Map<String, Object> in, List<String> fields) {
            each(entity, listEntity, in, fields, gid -> { }, entities.contains(entity));
        }

        /** Lists {@code listEntity} with these fields when {@code wanted}, telling {@code seen} each gid. */
        void each(String entity, String listEntity, Map<String, Object> in, List<String> fields,
                  Consumer<String> seen, boolean wanted) {
            if (!wanted) {
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>(in);
            params.put("fields", fields);
            list(entity, listEntity, params, entities.contains(entity), seen);
        }

        /** Every record of a list, page by page, written as it comes when {@code write}; each gid told to {@code seen}. */
        void list(String entity, String listEntity, Map<String, Object> in, boolean write, Consumer<String> seen) {
            String offset = null;
            do {
                Map<String, Object> params = new LinkedHashMap<>(in);
                params.put("limit", 100);
                if (offset != null) {
                    params.put("offset", offset);
                }
                ExecutionResult r = asana.execute(listEntity, "list", params);
                requests++;
                if (!r.success()) {
                    throw new SyncException("sync stopped: " + listEntity + ".list failed: " + r.error()
                            + "; nothing was removed, and a new sync starts over", r.exception());
                }
                for (JsonNode record : r.data()) {
                    if (write) {
                        store.upsert(scope, entity, record, start);
                        written.merge(entity, 1L, Long::sum);
                    }
                    seen.accept(record.path("gid").asText());
                }
                offset = r.nextOffset().orElse(null);
                progress.accept(entity + ": " + written.getOrDefault(entity, 0L) + " written");
            } while (offset != null);
        }
    }
}
