package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.TaskRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Task routes: the filtered task list, CRUD and subtask creation. */
final class TasksApi extends ApiModule {
    TasksApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/tasks", this::list)
                .add("POST", "/tasks", r -> create(r, null))
                .add("GET", "/tasks/{task_gid}", this::get)
                .add("PUT", "/tasks/{task_gid}", this::update)
                .add("DELETE", "/tasks/{task_gid}", this::delete)
                .add("POST", "/tasks/{task_gid}/subtasks", r -> create(r, r.pathParam(0)));
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> {
            String project = r.query("project");
            String section = r.query("section");
            String tag = r.query("tag");
            String assignee = r.query("assignee");
            String workspace = r.query("workspace");
            int containers = (project != null ? 1 : 0) + (section != null ? 1 : 0) + (tag != null ? 1 : 0);
            if (containers > 1 || (containers == 0 && (assignee == null || workspace == null))) {
                throw ApiException.badRequest("Must specify exactly one of project, tag, section, "
                        + "user task list, or assignee + workspace");
            }
            List<Task> tasks;
            if (project != null) {
                tasks = Lookups.ref(store, project, "project", Project.class).taskView();
            } else if (section != null) {
                tasks = Lookups.ref(store, section, "section", Section.class).tasks;
            } else if (tag != null) {
                tasks = Lookups.ref(store, tag, "tag", Tag.class).tasks;
            } else {
                User u = Lookups.refUser(store, assignee, "assignee", r.userGid());
                Workspace w = Lookups.ref(store, workspace, "workspace", Workspace.class);
                tasks = new ArrayList<>();
                for (Task t : store.tasks.values()) {
                    if (t.assignee == u && t.workspace == w) {
                        tasks.add(t);
                    }
                }
            }
            return page(r, TaskRecord.SCHEMA, tasks, TaskFilters.of(r, true));
        });
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, TaskRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "task", Task.class)));
    }

    private Reply create(ApiRequest r, String parentFromPath) {
        ObjectNode d = r.data();
        return store.write(() -> {
            User me = me(r);
            Task parent = null;
            if (parentFromPath != null) {
                parent = Lookups.path(store, parentFromPath, "task", Task.class);
            } else if (BodyFields.string(d, "parent") != null) {
                parent = Lookups.ref(store, BodyFields.string(d, "parent"), "parent", Task.class);
            }
            Map<Project, Section> placements = placements(d);
            Workspace ws = null;
            String wsRef = BodyFields.string(d, "workspace");
            if (wsRef != null) {
                ws = Lookups.ref(store, wsRef, "workspace", Workspace.class);
            }
            Workspace implied = parent != null ? parent.workspace
                    : placements.isEmpty() ? null : placements.keySet().iterator().next().workspace;
            if (ws == null) {
                ws = implied;
            }
            if (ws == null) {
                throw ApiException.missing("workspace");
            }
            for (Project p : placements.keySet()) {
                if (p.workspace != ws) {
                    throw ApiException.badRequest("projects: Task and project must be in the same workspace");
                }
            }
            if (parent != null && parent.workspace != ws) {
                throw ApiException.badRequest("parent: Task and parent must be in the same workspace");
            }
            List<Tag> tags = new ArrayList<>();
            for (String id : BodyFields.idList(d, "tags")) {
                Tag tag = Lookups.ref(store, id, "tags", Tag.class);
                if (tag.workspace != ws) {
                    throw ApiException.badRequest("tags: Tag and task must be in the same workspace");
                }
                tags.add(tag);
            }
            List<User> followers = new ArrayList<>();
            for (String id : BodyFields.idList(d, "followers")) {
                followers.add(Lookups.refUser(store, id, "followers", r.userGid()));
            }
            TaskPatch patch = TaskPatch.parse(store, d, r.userGid());
            Instant now = now();
            Task t = new Task(store.newGid(), "", ws, me, now);
            patch.check(t);
            patch.apply(t, me, now);
            store.add(t);
            for (Map.Entry<Project, Section> e : placements.entrySet()) {
                Section s = e.getValue() != null ? e.getValue() : firstSection(e.getKey(), now);
                store.placeTask(t, s, -1);
            }
            if (parent != null) {
                t.parent = parent;
                parent.subtasks.add(t);
            }
            for (Tag tag : tags) {
                store.tag(t, tag);
            }
            for (Project p : t.memberships.keySet()) {
                store.events.record(me, t, "added", p, null, EventLog.audienceOf(t));
            }
            if (t.parent != null) {
                store.events.record(me, t, "added", t.parent, null, EventLog.audienceOf(t));
            }
            follow(t, me);
            follow(t, t.assignee);
            for (User u : followers) {
                follow(t, u);
            }
            return Responses.created(r, TaskRecord.SCHEMA, t, "tasks", t.gid);
        });
    }

    /** Projects (with an optional explicit section) named by {@code projects} and {@code memberships}. */
    private Map<Project, Section> placements(ObjectNode d) {
        Map<Project, Section> out = new LinkedHashMap<>();
        for (String id : BodyFields.idList(d, "projects")) {
            out.put(Lookups.ref(store, id, "projects", Project.class), null);
        }
        if (d.has("memberships") && d.get("memberships").isArray()) {
            for (var m : d.get("memberships")) {
                Project p = Lookups.ref(store, m.path("project").asText(), "memberships.project", Project.class);
                Section s = null;
                if (m.hasNonNull("section")) {
                    s = Lookups.ref(store, m.get("section").asText(), "memberships.section", Section.class);
                    if (s.project != p) {
                        throw ApiException.badRequest("memberships: Section is not in the given project");
                    }
                }
                out.put(p, s);
            }
        }
        return out;
    }

    private Section firstSection(Project p, Instant now) {
        if (p.sections.isEmpty()) {
            store.add(new Section(store.newGid(), "Untitled section", p, now), -1);
        }
        return p.sections.get(0);
    }

    private static void follow(Task t, User u) {
        if (u != null && !t.followers.contains(u)) {
            t.followers.add(u);
        }
    }

    private Reply update(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Task t = Lookups.path(store, r.pathParam(0), "task", Task.class);
            TaskPatch patch = TaskPatch.parse(store, d, r.userGid());
            patch.check(t);
            patch.apply(t, me(r), now());
            d.fieldNames().forEachRemaining(field -> store.events.record(me(r), t, "changed", null,
                    EventLog.fieldChange(field, "changed"), EventLog.audienceOf(t)));
            follow(t, t.assignee);
            return Responses.single(r, 200, TaskRecord.SCHEMA, t);
        });
    }

    private Reply delete(ApiRequest r) {
        return store.write(() -> {
            Task t = Lookups.path(store, r.pathParam(0), "task", Task.class);
            recordDeletion(me(r), t);
            store.delete(t);
            return Responses.empty(r);
        });
    }

    /** A deleted event for the task and each of its subtasks, seen by each one's task, projects and parent. */
    private void recordDeletion(User me, Task t) {
        for (Task sub : t.subtasks) {
            recordDeletion(me, sub);
        }
        store.events.record(me, t, "deleted", null, null, EventLog.audienceOf(t));
    }
}
