package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.io.IOException;

/**
 * {@code GET /events?resource=&sync=}: the changes to a task or project (and, for a project, to its tasks) since a
 * sync token, 100 at a time with {@code has_more}. No token, or one that is unknown, expired or for another resource,
 * answers 412 with a fresh token and Asana's message: the subscriber then fetches everything anew and continues
 * with that token.
 */
final class EventsApi extends ApiModule {
    EventsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/events", this::events);
    }

    private Reply events(ApiRequest r) {
        String resource = r.query("resource");
        if (resource == null || resource.isEmpty()) {
            throw ApiException.missing("resource");
        }
        if (!resource.chars().allMatch(Character::isDigit)) {
            throw ApiException.notAnId("resource", resource);
        }
        store.read(() -> {
            Entity e = store.any(resource);
            if (e == null) {
                throw ApiException.unknownObject(resource);
            }
            if (!(e instanceof Task) && !(e instanceof Project)) {
                throw ApiException.badRequest("resource: events are served for tasks and projects, not for a "
                        + e.resourceType());
            }
            return null;
        });
        EventLog.Page page;
        try {
            page = store.events.read(resource, r.query("sync"));
        } catch (EventLog.Expired expired) {
            return Reply.json(412, r.pretty(), g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("errors");
                g.writeStartObject();
                g.writeStringField("message", expired.getMessage());
                g.writeEndObject();
                g.writeEndArray();
                g.writeStringField("sync", expired.fresh());
                g.writeEndObject();
            });
        }
        return Reply.json(200, r.pretty(), g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (EventLog.Event e : page.events()) {
                write(g, e);
            }
            g.writeEndArray();
            g.writeStringField("sync", page.sync());
            g.writeBooleanField("has_more", page.hasMore());
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, EventLog.Event e) throws IOException {
        g.writeStartObject();
        if (e.user() == null) {
            g.writeNullField("user");
        } else {
            g.writeObjectFieldStart("user");
            g.writeStringField("gid", e.user().gid);
            g.writeStringField("resource_type", "user");
            g.writeStringField("name", e.user().name);
            g.writeEndObject();
        }
        g.writeObjectFieldStart("resource");
        g.writeStringField("gid", e.resource().gid);
        g.writeStringField("resource_type", e.resource().resourceType());
        g.writeStringField("name", e.resourceName());
        g.writeEndObject();
        g.writeStringField("type", e.resource().resourceType());
        g.writeStringField("action", e.action());
        // Asana's prose says parent is null outside added/removed events, but its schema does not allow null: the
        // field is left out then, which both readings accept
        if (e.parent() != null) {
            g.writeObjectFieldStart("parent");
            g.writeStringField("gid", e.parent().gid);
            g.writeStringField("resource_type", e.parent().resourceType());
            g.writeStringField("name", e.parentName());
            g.writeEndObject();
        }
        g.writeStringField("created_at", e.createdAt().toString());
        if (e.change() != null) {
            g.writeFieldName("change");
            g.writeTree(e.change());
        }
        g.writeEndObject();
    }
}
