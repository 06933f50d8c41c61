package dev.agentconnector.contextstore.asana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.runtime.error.RateLimitException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Keeps a {@link ContextStore} in step with Asana, through the connector (its rate limiter, retries and token
 * renewals apply to every request).
 *
 * <p>Workspaces, users, teams, tags and projects are few and are listed in full on every pass; what is no longer
 * listed is removed. Sections, tasks and attachments are followed per project through Asana's events: the first pass
 * over a project takes a sync token, lists the project's sections and tasks (a page of 100 at a time, each page
 * written as it comes, so the heap stays flat at any size) and keeps the token; later passes read only the events
 * since the token and re-fetch the tasks they name (deleted ones are removed), so a pass after a few changes makes
 * one events request per project plus one request per changed task. A token Asana no longer honours (412) makes that
 * project listed in full again, and records of it that the listing no longer shows are re-fetched or removed.
 *
 * <p>Every write is an upsert keyed by gid and a project's token is saved only after its changes are written, so a
 * pass stopped at any point (a kill, a failed request) loses nothing and duplicates nothing: the next pass resumes,
 * listing in full only the projects that had not been finished. {@code full} drops every token first and removes at
 * the end whatever the pass did not see.
 */
public final class AsanaSync {
    /** The entities a pass writes by default (attachments take one request per task, so they are asked for). */
    public static final List<String> DEFAULT_ENTITIES = List.of("workspaces", "users", "teams", "projects", "tags",
            "sections", "tasks");
    /** Every entity a pass can write. */
    public static final List<String> ENTITIES = List.of("workspaces", "users", "teams", "projects", "tags",
            "sections", "tasks", "attachments");

    /** The task fields search filters on (the reference's 36, less those the API computes per viewer). */
    public static final List<String> TASK_FIELDS = List.of("name", "resource_type", "resource_subtype",
            "approval_status", "assignee.name", "assignee.email", "completed", "completed_at", "completed_by.name",
            "created_at", "dependencies", "dependents", "due_at", "due_on", "external", "followers.name", "hearted",
            "html_notes", "is_rendered_as_separator", "liked", "memberships.project.name", "memberships.section.name",
            "modified_at", "notes", "num_hearts", "num_likes", "num_subtasks", "parent.name", "permalink_url",
            "projects.name", "start_on", "tags.name", "workspace.name", "actual_time_minutes", "custom_fields",
            "hearts", "likes");
    static final List<String> USER_FIELDS = List.of("name", "email");
    static final List<String> TEAM_FIELDS = List.of("name", "description", "organization.name");
    static final List<String> TAG_FIELDS = List.of("name", "color", "notes", "created_at", "workspace.name");
    static final List<String> PROJECT_FIELDS = List.of("name", "archived", "color", "created_at", "modified_at",
            "due_on", "start_on", "notes", "owner.name", "team.name", "workspace.name", "public");
    static final List<String> SECTION_FIELDS = List.of("name", "created_at", "project.name");
    static final List<String> ATTACHMENT_FIELDS = List.of("name", "resource_subtype", "created_at", "host", "size",
            "parent.name", "permanent_url", "view_url");
    private static final int PAGE = 100;
    private static final int STALE_BATCH = 500;
    /** Rate-limited answers one request waits out before the pass gives up. */
    static final int RATE_LIMIT_WAITS = 30;
    private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    /**
     * What a pass did.
     *
     * @param written             records written, by entity
     * @param removed             records removed, by entity
     * @param requests            requests made to Asana
     * @param tookMillis          how long the pass took
     * @param projectsListed      projects whose sections and tasks were listed in full
     * @param projectsIncremental projects brought up to date from their events
     * @param changes             events read
     */
    public record Report(Map<String, Long> written, Map<String, Integer> removed, long requests, long tookMillis,
                         int projectsListed, int projectsIncremental, long changes) {
    }

    /** A request that failed for good; the pass stopped, and what it wrote so far is kept. */
    public static final class SyncException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyncException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Executor asana;
    private final ContextStore store;
    private final String scope;
    private final Clock clock;

    /** A sync through {@code asana} into {@code store} under {@code scope} (a connector id, or {@code local}). */
    public AsanaSync(Executor asana, ContextStore store, String scope, Clock clock) {
        this.asana = asana;
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    /** Checks entity names against {@link #ENTITIES}. */
    public static Set<String> checkEntities(Iterable<String> entities) {
        Set<String> out = new LinkedHashSet<>();
        for (String e : entities) {
            if (!ENTITIES.contains(e)) {
                throw new IllegalArgumentException("unknown entity '" + e + "': a sync writes "
                        + String.join(", ", ENTITIES));
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Runs one pass.
     *
     * @param workspaces workspace gids to sync, or empty for every workspace the credentials see
     * @param entities   the entities to write (of {@link #ENTITIES})
     * @param full       list everything anew (drop the sync tokens) and remove what the pass did not see
     * @param progress   told a line after every page and project
     * @throws SyncException when a request fails (after the connector's retries); what was written is kept
     */
    public Report run(List<String> workspaces, Set<String> entities, boolean full, Consumer<String> progress) {
        Set<String> wanted = checkEntities(entities);
        if (full) {
            store.forgetSyncTokens(scope);
        }
        Pass pass = new Pass(clock.millis(), wanted, progress);
        try {
            return run(pass, workspaces, wanted);
        } finally {
            pass.close();
        }
    }

    private Report run(Pass pass, List<String> workspaces, Set<String> wanted) {
        Consumer<String> progress = pass.progress;
        Set<String> followed = pass.followsProjects() ? new LinkedHashSet<>() : Set.of();
        List<String> found = new ArrayList<>();
        pass.list("workspaces", "workspaces", Map.of(), List.of(), wanted.contains("workspaces"), found::add);
        for (String workspace : found) {
            if (!workspaces.isEmpty() && !workspaces.contains(workspace)) {
                continue;
            }
            Map<String, Object> in = Map.of("workspace_gid", workspace);
            pass.listIfWanted("users", "workspace_users", in, USER_FIELDS);
            pass.listIfWanted("teams", "workspace_teams", in, TEAM_FIELDS);
            pass.listIfWanted("tags", "workspace_tags", in, TAG_FIELDS);
            List<String> projects = new ArrayList<>();
            if (wanted.contains("projects") || pass.followsProjects()) {
                pass.list("projects", "workspace_projects", in, PROJECT_FIELDS, wanted.contains("projects"),
                        projects::add);
            }
            if (pass.followsProjects()) {
                for (String project : projects) {
                    followed.add(project);
                    String token = store.syncToken(scope, project);
                    if (token == null) {
                        pass.listProject(project, null);
                    } else {
                        pass.catchUp(project, token);
                    }
                }
            }
        }
        if (pass.followsProjects()) {
            pass.dropVanishedProjects(followed);
        }
        Map<String, Integer> removed = pass.removed;
        for (String e : List.of("workspaces", "users", "teams", "tags", "projects")) {
            if (wanted.contains(e)) {
                removed.merge(e, store.sweep(scope, e, pass.start), Integer::sum);
            }
        }
        if (pass.incremental == 0) {
            // every followed project was listed in full, so whatever this pass did not write is gone
            for (String e : List.of("sections", "tasks", "attachments")) {
                if (wanted.contains(e)) {
                    removed.merge(e, store.sweep(scope, e, pass.start), Integer::sum);
                }
            }
        }
        for (String e : wanted) {
            store.markSynced(scope, e, pass.start);
        }
        long took = clock.millis() - pass.start;
        progress.accept("sync done in " + took + " ms: " + pass.written + " written, " + removed + " removed, "
                + pass.listed + " project(s) listed in full, " + pass.incremental + " brought up to date from "
                + pass.changes + " change(s), " + pass.requests + " requests");
        return new Report(Map.copyOf(pass.written), Map.copyOf(removed), pass.requests, took, pass.listed,
                pass.incremental, pass.changes);
    }

    private final class Pass {
        final long start;
        final Set<String> wanted;
        final Consumer<String> progress;
        final Map<String, Long> written = new LinkedHashMap<>();
        final Map<String, Integer> removed = new LinkedHashMap<>();
        /** Tasks re-fetched in this pass, so that a task named by the events of several projects is fetched once. */
        final Set<String> refetched = new HashSet<>();
        long requests;
        long changes;
        int listed;
        int incremental;
        private ExecutorService writer;
        private Future<?> pendingWrite;

        Pass(long start, Set<String> wanted, Consumer<String> progress) {
            this.start = start;
            this.wanted = wanted;
            this.progress = progress;
        }

        boolean followsProjects() {
            return wanted.contains("sections") || wanted.contains("tasks") || wanted.contains("attachments");
        }

        void listIfWanted(String entity, String listEntity, Map<String, Object> in, List<String> fields) {
            if (wanted.contains(entity)) {
                list(entity, listEntity, in, fields, true, gid -> { });
            }
        }

        /** Every record of a list, page by page, written as it comes when {@code write}; each gid told to {@code seen}. */
        void list(String entity, String listEntity, Map<String, Object> in, List<String> fields, boolean write,
                  Consumer<String> seen) {
            String offset = null;
            do {
                Map<String, Object> params = new LinkedHashMap<>(in);
                if (!fields.isEmpty()) {
                    params.put("fields", fields);
                }
                params.put("limit", PAGE);
                if (offset != null) {
                    params.put("offset", offset);
                }
                ExecutionResult r = call(listEntity, "list", params);
                if (!r.success()) {
                    throw failed(listEntity + ".list", r);
                }
                List<JsonNode> page = new ArrayList<>(r.data().size());
                r.data().forEach(page::add);
                for (JsonNode record : page) {
                    seen.accept(record.path("gid").asText());
                }
                if (write) {
                    // written while the next page is fetched; at most one page waits, so the heap stays flat
                    awaitWrite();
                    pendingWrite = writer().submit(() -> store.upsertAll(scope, entity, page, start));
                    written.merge(entity, (long) page.size(), Long::sum);
                }
                offset = r.nextOffset().orElse(null);
                if (write) {
                    progress.accept(entity + ": " + written.getOrDefault(entity, 0L) + " written");
                }
            } while (offset != null);
            awaitWrite();
        }

        private ExecutorService writer() {
            if (writer == null) {
                writer = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "context-store-sync-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            return writer;
        }

        /** Waits for the page being written; its failure stops the pass. */
        void awaitWrite() {
            if (pendingWrite == null) {
                return;
            }
            try {
                pendingWrite.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("sync stopped: interrupted; what was written is kept, and the next sync "
                        + "resumes", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            } finally {
                pendingWrite = null;
            }
        }

        void close() {
            if (writer != null) {
                writer.shutdownNow();
            }
        }

        /**
         * Lists a project's sections and tasks (and their attachments when wanted) in full, then re-fetches or
         * removes the records of it the listing no longer shows; keeps {@code token} (or a fresh one) to follow
         * the project's events from.
         */
        void listProject(String project, String freshToken) {
            String token = freshToken != null ? freshToken : freshToken(project);
            Map<String, Object> of = Map.of("project_gid", project);
            if (wanted.contains("sections")) {
                listSections(project);
            }
            if (wanted.contains("tasks") || wanted.contains("attachments")) {
                List<String> tasks = new ArrayList<>();
                list("tasks", "project_tasks", of, TASK_FIELDS, wanted.contains("tasks"),
                        wanted.contains("attachments") ? tasks::add : gid -> { });
                if (wanted.contains("tasks")) {
                    forEachStale("tasks", projectHolds(project), this::refetch);
                }
                for (String task : tasks) {
                    listAttachments(task);
                }
            }
            store.saveSyncToken(scope, project, token, clock.millis());
            listed++;
            progress.accept("project " + project + ": listed in full");
        }

        void listSections(String project) {
            list("sections", "project_sections", Map.of("project_gid", project), SECTION_FIELDS, true, gid -> { });
            forEachStale("sections", eq("project.gid", project), gid -> remove("sections", gid));
        }

        void listAttachments(String task) {
            list("attachments", "attachments", Map.of("parent", task), ATTACHMENT_FIELDS, true, gid -> { });
            forEachStale("attachments", eq("parent.gid", task), gid -> remove("attachments", gid));
        }

        /** Applies a project's events since {@code token}, page by page, saving the token after each page. */
        void catchUp(String project, String token) {
            long before = changes;
            boolean more = true;
            while (more) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("resource", project);
                params.put("sync", token);
                ExecutionResult r = call("events", "list", params);
                if (!r.success()) {
                    String fresh = r.meta().path("sync").asText(null);
                    if (r.meta().path("status").asInt() == 412 && fresh != null) {
                        progress.accept("project " + project + ": its sync token expired; listing it in full");
                        listProject(project, fresh);
                        return;
                    }
                    if (r.meta().path("status").asInt() == 404) {
                        // the project went between the listing and now; the next pass drops it
                        return;
                    }
                    throw failed("events.list", r);
                }
                boolean sections = false;
                Set<String> attachmentParents = new LinkedHashSet<>();
                for (JsonNode event : r.data()) {
                    changes++;
                    sections |= apply(event, attachmentParents);
                }
                if (sections && wanted.contains("sections")) {
                    listSections(project);
                }
                if (wanted.contains("attachments")) {
                    for (String task : attachmentParents) {
                        listAttachments(task);
                    }
                }
                token = r.meta().path("sync").asText(token);
                store.saveSyncToken(scope, project, token, clock.millis());
                more = r.meta().path("has_more").asBoolean(false);
            }
            incremental++;
            progress.accept("project " + project + ": " + (changes - before) + " change(s)");
        }

        /** Applies one event; true when it concerns a section. */
        boolean apply(JsonNode event, Set<String> attachmentParents) {
            JsonNode resource = event.path("resource");
            String type = resource.path("resource_type").asText(event.path("type").asText(""));
            String gid = resource.path("gid").asText(null);
            String action = event.path("action").asText("");
            JsonNode parent = event.path("parent");
            String parentTask = "task".equals(parent.path("resource_type").asText()) ? parent.path("gid").asText()
                    : null;
            if (gid == null) {
                return false;
            }
            switch (type) {
                case "task" -> {
                    if ("deleted".equals(action)) {
                        refetched.add(gid);
                        remove("tasks", gid);
                    } else if (wanted.contains("tasks")) {
                        refetch(gid);
                    }
                }
                case "story" -> {
                    // a comment or a change record: the task's own fields (modified_at, likes) may have moved
                    if (parentTask != null && wanted.contains("tasks")) {
                        refetch(parentTask);
                    }
                }
                case "attachment" -> {
                    if ("deleted".equals(action) || "removed".equals(action)) {
                        remove("attachments", gid);
                    } else if (parentTask != null) {
                        attachmentParents.add(parentTask);
                    }
                }
                case "section" -> {
                    return true;
                }
                default -> {
                    // projects, tags, users and the rest are listed in full on every pass
                }
            }
            return false;
        }

        /** Fetches a task anew: written when Asana has it in some project, removed when not or when it answers 404. */
        void refetch(String task) {
            if (!refetched.add(task)) {
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("task_gid", task);
            params.put("fields", TASK_FIELDS);
            ExecutionResult r = call("tasks", "get", params);
            if (r.success() && r.data().path("projects").isEmpty()) {
                // in no project any more: outside what a sync covers (it lists tasks by project)
                remove("tasks", task);
            } else if (r.success()) {
                write("tasks", r.data());
            } else if (r.meta().path("status").asInt() == 404) {
                remove("tasks", task);
            } else {
                throw failed("tasks.get", r);
            }
        }

        /**
         * Projects this store followed (it holds their tokens) that the pass did not list: each one Asana no longer
         * has (404) takes its sections along, and its tasks are re-fetched (a task in no other project is gone too).
         */
        void dropVanishedProjects(Set<String> followed) {
            for (String project : store.syncTokenResources(scope)) {
                if (followed.contains(project)) {
                    continue;
                }
                ExecutionResult r = call("projects", "get", Map.of("project_gid", project, "fields", List.of("name")));
                if (r.success()) {
                    continue; // still there, outside the workspaces of this pass
                }
                if (r.meta().path("status").asInt() != 404) {
                    throw failed("projects.get", r);
                }
                forEachStale("sections", eq("project.gid", project), gid -> remove("sections", gid));
                forEachStale("tasks", projectHolds(project), this::refetch);
                store.forgetSyncToken(scope, project);
                progress.accept("project " + project + ": gone from Asana; its records were removed");
            }
        }

        /** Calls {@code action} on each record of {@code entity} matching {@code filter} not written in this pass. */
        void forEachStale(String entity, JsonNode filter, Consumer<String> action) {
            String after = null;
            List<String> batch;
            do {
                batch = store.staleGids(scope, entity, filter, start, after, STALE_BATCH);
                batch.forEach(action);
                after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
            } while (batch.size() == STALE_BATCH);
        }

        /** A fresh sync token for a project: Asana answers a first request without one with 412 and a token. */
        String freshToken(String project) {
            ExecutionResult r = call("events", "list", Map.of("resource", project));
            String token = r.meta() == null ? null : r.meta().path("sync").asText(null);
            if (token == null) {
                throw failed("events.list", r);
            }
            return token;
        }

        void write(String entity, JsonNode record) {
            store.upsert(scope, entity, record, start);
            written.merge(entity, 1L, Long::sum);
        }

        void remove(String entity, String gid) {
            if (store.delete(scope, entity, gid)) {
                removed.merge(entity, 1, Integer::sum);
            }
        }

        /**
         * One request. A rate-limited answer that the connector's own retries did not get past (Asana's 429, or the
         * connector's limiter refusing to wait longer) is waited out here, Retry-After at a time, up to
         * {@link #RATE_LIMIT_WAITS} times, since a sync has no caller waiting on it.
         */
        ExecutionResult call(String entity, String action, Map<String, Object> params) {
            for (int waited = 0; ; waited++) {
                requests++;
                ExecutionResult r = asana.execute(entity, action, params);
                if (r.success() || !(r.exception() instanceof RateLimitException limited)
                        || waited == RATE_LIMIT_WAITS) {
                    return r;
                }
                Duration wait = limited.retryAfter() == null ? Duration.ofSeconds(1) : limited.retryAfter();
                progress.accept("rate limited; waiting " + wait.toSeconds() + " s");
                try {
                    Thread.sleep(Math.min(Math.max(wait.toMillis(), 100), MAX_RATE_LIMIT_WAIT.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
        }

        SyncException failed(String what, ExecutionResult r) {
            return new SyncException("sync stopped: " + what + " failed: " + (r.success() ? "no sync token in the "
                    + "answer" : r.error()) + "; what was written is kept, and the next sync resumes", r.exception());
        }
    }

    private static JsonNode eq(String path, String value) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.putObject("eq").put(path, value);
        return f;
    }

    /** A filter for the tasks whose {@code projects} hold this project. */
    private static JsonNode projectHolds(String project) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.putObject("any").set("projects", eq("gid", project));
        return f;
    }
}
