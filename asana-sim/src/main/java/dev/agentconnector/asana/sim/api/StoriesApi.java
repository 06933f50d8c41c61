package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Story;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.render.Html;
import dev.agentconnector.asana.sim.render.StoryRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.util.ArrayList;

/** Story routes: comment on a task, list a task's stories and get one story. */
final class StoriesApi extends ApiModule {
    StoriesApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("POST", "/tasks/{task_gid}/stories", this::create)
                .add("GET", "/tasks/{task_gid}/stories", this::list)
                .add("GET", "/stories/{story_gid}", this::get);
    }

    private Reply create(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Task t = Lookups.path(store, r.pathParam(0), "task", Task.class);
            String html = BodyFields.string(d, "html_text");
            String text = BodyFields.string(d, "text");
            if (html != null) {
                if (!Html.isValid(html)) {
                    throw ApiException.badRequest("html_text: XML is invalid");
                }
                text = Html.toText(html);
            } else if (text == null || text.isEmpty()) {
                throw ApiException.missing("text");
            } else {
                html = Html.fromText(text);
            }
            Boolean pinned = BodyFields.bool(d, "is_pinned");
            Instant now = now();
            Story s = new Story(store.newGid(), t, me(r), now, "comment", "comment_added", text, html, "api");
            s.pinned = pinned != null && pinned;
            store.add(s);
            t.modifiedAt = now;
            store.events.record(me(r), s, "added", t, null, EventLog.audienceOf(t));
            return Responses.created(r, StoryRecord.SCHEMA, s, "stories", s.gid);
        });
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> page(r, StoryRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "task", Task.class).stories)));
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, StoryRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "story", Story.class)));
    }
}
