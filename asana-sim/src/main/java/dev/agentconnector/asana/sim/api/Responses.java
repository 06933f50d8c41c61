package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.render.RecordSchema;
import dev.agentconnector.asana.sim.render.Selection;

import java.util.List;

/** Asana's response envelopes: {@code {"data": {...}}}, {@code {"data": [...], "next_page": ...}} and empty data. */
final class Responses {
    private Responses() {
    }

    /** A single record; the full default unless opt_fields says otherwise. */
    static <T> Reply single(ApiRequest r, int status, RecordSchema<T> schema, T record) {
        return single(r, status, schema, record, Selection.FULL);
    }

    /** A single record with an explicit default selection. */
    static <T> Reply single(ApiRequest r, int status, RecordSchema<T> schema, T record, Selection dflt) {
        Selection sel = r.selection(dflt);
        return Reply.json(status, r.pretty(), g -> {
            g.writeStartObject();
            g.writeFieldName("data");
            schema.write(record, g, sel, r.render());
            g.writeEndObject();
        });
    }

    /** A created record: status 201 with a Location header. */
    static <T> Reply created(ApiRequest r, RecordSchema<T> schema, T record, String collection, String gid) {
        return single(r, 201, schema, record).header("Location", r.origin() + "/api/1.0/" + collection + "/" + gid);
    }

    /** A page of compact (or opt_fields-selected) records. */
    static <T> Reply list(ApiRequest r, RecordSchema<T> schema, Pagination.Page<T> page) {
        Selection sel = r.selection(Selection.COMPACT);
        return Reply.json(200, r.pretty(), g -> {
            g.writeStartObject();
            g.writeFieldName("data");
            schema.writeArray(page.items, g, sel, r.render());
            if (page.limited) {
                if (page.nextOffset == null) {
                    g.writeNullField("next_page");
                } else {
                    g.writeObjectFieldStart("next_page");
                    g.writeStringField("offset", page.nextOffset);
                    g.writeStringField("path", page.nextPath);
                    g.writeStringField("uri", page.nextUri);
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        });
    }

    /** A list without pagination metadata (search results). */
    static <T> Reply plainList(ApiRequest r, RecordSchema<T> schema, List<T> items) {
        Selection sel = r.selection(Selection.COMPACT);
        return Reply.json(200, r.pretty(), g -> {
            g.writeStartObject();
            g.writeFieldName("data");
            schema.writeArray(items, g, sel, r.render());
            g.writeEndObject();
        });
    }

    /** {@code {"data": {}}}. */
    static Reply empty(ApiRequest r) {
        return Reply.json(200, r.pretty(), g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
