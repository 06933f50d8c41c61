package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.TagRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.List;

/** Tag routes: workspace tags, tag CRUD, a task's tags and addTag/removeTag. */
final class TagsApi extends ApiModule {
    TagsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/tags", this::list)
                .add("POST", "/tags", r -> create(r, null))
                .add("GET", "/workspaces/{workspace_gid}/tags", this::workspaceTags)
                .add("POST", "/workspaces/{workspace_gid}/tags", r -> create(r, r.pathParam(0)))
                .add("GET", "/tags/{tag_gid}", this::get)
                .add("PUT", "/tags/{tag_gid}", this::update)
                .add("DELETE", "/tags/{tag_gid}", this::delete)
                .add("GET", "/tasks/{task_gid}/tags", this::taskTags)
                .add("POST", "/tasks/{task_gid}/addTag", r -> tagTask(r, true))
                .add("POST", "/tasks/{task_gid}/removeTag", r -> tagTask(r, false));
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> {
            String ws = r.query("workspace");
            List<Tag> tags = new ArrayList<>();
            if (ws != null) {
                tags.addAll(Lookups.ref(store, ws, "workspace", Workspace.class).tags);
            } else {
                for (Workspace w : me(r).workspaces) {
                    tags.addAll(w.tags);
                }
            }
            return page(r, TagRecord.SCHEMA, tags);
        });
    }

    private Reply workspaceTags(ApiRequest r) {
        return store.read(() -> page(r, TagRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "workspace", Workspace.class).tags)));
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, TagRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "tag", Tag.class)));
    }

    private Reply create(ApiRequest r, String workspaceFromPath) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Workspace w;
            if (workspaceFromPath != null) {
                w = Lookups.path(store, workspaceFromPath, "workspace", Workspace.class);
            } else {
                String ref = BodyFields.string(d, "workspace");
                if (ref == null) {
                    throw ApiException.missing("workspace");
                }
                w = Lookups.ref(store, ref, "workspace", Workspace.class);
            }
            String name = BodyFields.requiredString(d, "name");
            String color = BodyFields.oneOf(d, "color", Palette.TAG_COLORS);
            String notes = BodyFields.string(d, "notes");
            Tag t = new Tag(store.newGid(), name, w, now());
            t.color = color;
            t.notes = notes == null ? "" : notes;
            t.followers.add(me(r));
            store.add(t);
            return Responses.created(r, TagRecord.SCHEMA, t, "tags", t.gid);
        });
    }

    private Reply update(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Tag t = Lookups.path(store, r.pathParam(0), "tag", Tag.class);
            String name = d.has("name") ? BodyFields.requiredString(d, "name") : null;
            String color = BodyFields.oneOf(d, "color", Palette.TAG_COLORS);
            String notes = BodyFields.string(d, "notes");
            if (name != null) {
                t.name = name;
            }
            if (d.has("color")) {
                t.color = color;
            }
            if (d.has("notes")) {
                t.notes = notes == null ? "" : notes;
            }
            return Responses.single(r, 200, TagRecord.SCHEMA, t);
        });
    }

    private Reply delete(ApiRequest r) {
        return store.write(() -> {
            store.delete(Lookups.path(store, r.pathParam(0), "tag", Tag.class));
            return Responses.empty(r);
        });
    }

    private Reply taskTags(ApiRequest r) {
        return store.read(() -> page(r, TagRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "task", Task.class).tags)));
    }

    private Reply tagTask(ApiRequest r, boolean add) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Task t = Lookups.path(store, r.pathParam(0), "task", Task.class);
            Tag tag = Lookups.ref(store, BodyFields.requiredString(d, "tag"), "tag", Tag.class);
            if (tag.workspace != t.workspace) {
                throw ApiException.badRequest("tag: The tag is not in the task's workspace");
            }
            if (add) {
                store.tag(t, tag);
            } else {
                store.untag(t, tag);
            }
            t.modifiedAt = now();
            ObjectNode change = EventLog.fieldChange("tags", add ? "added" : "removed");
            change.putObject(add ? "added_value" : "removed_value").put("gid", tag.gid).put("resource_type", "tag")
                    .put("name", tag.name);
            store.events.record(me(r), t, "changed", null, change, EventLog.audienceOf(t));
            return Responses.empty(r);
        });
    }
}
