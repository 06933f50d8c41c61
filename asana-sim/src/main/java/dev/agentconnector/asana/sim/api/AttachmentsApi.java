package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.render.AttachmentRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.List;

/** Attachment routes: list by parent, get (with a fresh download URL) and delete. */
final class AttachmentsApi extends ApiModule {
    AttachmentsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/attachments", this::list)
                .add("GET", "/attachments/{attachment_gid}", this::get)
                .add("DELETE", "/attachments/{attachment_gid}", this::delete);
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> {
            String parent = r.query("parent");
            if (parent == null || parent.isEmpty()) {
                throw ApiException.missing("parent");
            }
            Entity e = Lookups.isGid(parent) ? store.any(parent) : null;
            List<Attachment> items = new ArrayList<>();
            if (e instanceof Task) {
                items.addAll(((Task) e).attachments);
            } else if (!(e instanceof Project)) {
                throw ApiException.notAnId("parent", parent);
            }
            return page(r, AttachmentRecord.SCHEMA, items);
        });
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, AttachmentRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "attachment", Attachment.class)));
    }

    private Reply delete(ApiRequest r) {
        return store.write(() -> {
            Attachment a = Lookups.path(store, r.pathParam(0), "attachment", Attachment.class);
            store.events.record(me(r), a, "deleted", null, null, EventLog.audienceOf(a.parent));
            store.delete(a);
            return Responses.empty(r);
        });
    }
}
