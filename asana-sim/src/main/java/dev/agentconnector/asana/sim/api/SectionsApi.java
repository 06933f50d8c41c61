package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.render.SectionRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.List;

/** Section routes: sections of a project, section CRUD and adding a task to a section. */
final class SectionsApi extends ApiModule {
    SectionsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/projects/{project_gid}/sections", this::list)
                .add("POST", "/projects/{project_gid}/sections", this::create)
                .add("GET", "/sections/{section_gid}", this::get)
                .add("PUT", "/sections/{section_gid}", this::update)
                .add("DELETE", "/sections/{section_gid}", this::delete)
                .add("POST", "/sections/{section_gid}/addTask", this::addTask);
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> page(r, SectionRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "project", Project.class).sections)));
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, SectionRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "section", Section.class)));
    }

    private Reply create(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Project p = Lookups.path(store, r.pathParam(0), "project", Project.class);
            String name = BodyFields.requiredString(d, "name");
            int index = insertionIndex(d, p.sections, "section", Section.class);
            Section s = store.add(new Section(store.newGid(), name, p, now()), index);
            store.events.record(me(r), s, "added", p, null, List.of(p.gid));
            return Responses.created(r, SectionRecord.SCHEMA, s, "sections", s.gid);
        });
    }

    /** Where insert_before / insert_after place a new item among {@code siblings}; -1 means at the end. */
    private <T> int insertionIndex(ObjectNode d, List<T> siblings, String kind, Class<T> type) {
        String before = BodyFields.string(d, "insert_before");
        String after = BodyFields.string(d, "insert_after");
        if (before != null && after != null) {
            throw ApiException.badRequest("You may only provide one of insert_before or insert_after");
        }
        String field = before != null ? "insert_before" : "insert_after";
        String ref = before != null ? before : after;
        if (ref == null) {
            return -1;
        }
        Object anchor = Lookups.isGid(ref) ? store.any(ref) : null;
        int at = type.isInstance(anchor) ? siblings.indexOf(anchor) : -1;
        if (at < 0) {
            throw ApiException.badRequest(field + ": The " + kind + " " + ref + " is not in this list");
        }
        return before != null ? at : at + 1;
    }

    private Reply update(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Section s = Lookups.path(store, r.pathParam(0), "section", Section.class);
            if (d.has("name")) {
                s.name = BodyFields.requiredString(d, "name");
                store.events.record(me(r), s, "changed", null, EventLog.fieldChange("name", "changed"),
                        List.of(s.project.gid));
            }
            return Responses.single(r, 200, SectionRecord.SCHEMA, s);
        });
    }

    private Reply delete(ApiRequest r) {
        return store.write(() -> {
            Section s = Lookups.path(store, r.pathParam(0), "section", Section.class);
            if (!s.tasks.isEmpty()) {
                throw ApiException.badRequest("Sections must be empty to be deleted");
            }
            if (s.project.sections.size() == 1) {
                throw ApiException.badRequest("The last remaining section of a project cannot be deleted");
            }
            store.events.record(me(r), s, "deleted", null, null, List.of(s.project.gid));
            store.delete(s);
            return Responses.empty(r);
        });
    }

    private Reply addTask(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Section s = Lookups.path(store, r.pathParam(0), "section", Section.class);
            Task t = Lookups.ref(store, BodyFields.requiredString(d, "task"), "task", Task.class);
            if (t.workspace != s.project.workspace) {
                throw ApiException.badRequest("task: The task is not in the project's workspace");
            }
            List<Task> siblings = new ArrayList<>(s.tasks);
            siblings.remove(t);
            int index = insertionIndex(d, siblings, "task", Task.class);
            Section old = t.memberships.get(s.project);
            if (old != null) {
                old.tasks.remove(t);
                t.memberships.remove(s.project);
            }
            store.placeTask(t, s, index);
            t.modifiedAt = now();
            store.events.record(me(r), t, "added", s, null, EventLog.audienceOf(t));
            return Responses.empty(r);
        });
    }
}
