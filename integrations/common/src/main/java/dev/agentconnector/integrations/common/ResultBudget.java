package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an envelope's JSON under a character budget, as the MCP server does: a list loses records from its end, a
 * record too large alone has its long text values shortened, and {@code meta.result_cut} says what went and how to
 * narrow the call. Models pay for every character of a tool result, and a cut result with a note is more useful to
 * them than one a framework or a provider rejects whole.
 */
public final class ResultBudget {
    /** Where the note goes in {@code meta}. */
    /** The meta key that describes a cut. */
    public static final String CUT = "result_cut";
    private static final int[] TEXT_LIMITS = {4000, 1000, 300, 100, 40};

    private final ObjectMapper mapper;
    private final int maxChars;

    /** A budget of {@code maxChars} characters of JSON. */
    public ResultBudget(ObjectMapper mapper, int maxChars) {
        this.mapper = mapper;
        this.maxChars = maxChars;
    }

    /** The envelope as sent, its JSON text, and whether anything was cut. */
    public record Fitted(ObjectNode envelope, String json, boolean cut) {
    }

    /** The envelope, cut to the budget when its JSON is longer. */
    /** The envelope unchanged when it fits, else cut to fit with a note in {@code meta.result_cut}. */
    public Fitted fit(ObjectNode envelope) {
        return fit(envelope, null);
    }

    /**
     * As {@link #fit(ObjectNode)}, with the advice a cut list gives on getting the records left out, for operations
     * whose way to them is not a smaller page or a narrower field list (null: that default advice).
     */
    public Fitted fit(ObjectNode envelope, String narrowing) {
        String json = write(envelope);
        if (json.length() <= maxChars) {
            return new Fitted(envelope, json, false);
        }
        JsonNode data = envelope.path("data");
        if (data.isArray() && data.size() > 1) {
            Fitted fewer = fewerRecords(envelope, (ArrayNode) data, narrowing);
            if (fewer != null) {
                return fewer;
            }
        }
        return shorterText(envelope);
    }

    /** The most leading records that fit together with the note (binary search), or null when not even one does. */
    private Fitted fewerRecords(ObjectNode envelope, ArrayNode records, String narrowing) {
        Fitted best = null;
        int lo = 1;
        int hi = records.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ObjectNode candidate = withRecords(envelope, records, mid, narrowing);
            String json = write(candidate);
            if (json.length() <= maxChars) {
                best = new Fitted(candidate, json, true);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private ObjectNode withRecords(ObjectNode envelope, ArrayNode records, int keep, String narrowing) {
        int total = records.size();
        ArrayNode kept = mapper.createArrayNode();
        for (int i = 0; i < keep; i++) {
            kept.add(records.get(i));
        }
        ObjectNode copy = envelope.deepCopy();
        copy.set("data", kept);
        boolean allPages = envelope.path("meta").has("pages");
        boolean nextPage = envelope.path("meta").path("next_page").isObject();
        boolean cursor = envelope.path("meta").path("cursor").isTextual(); // a context store search's next page
        ObjectNode note = meta(copy).putObject(CUT);
        note.put("records_returned", keep);
        note.put("records_dropped", total - keep);
        note.put("note", "Cut to " + keep + " of " + total + " records to stay under " + maxChars
                + " characters; the other " + (total - keep) + " are not shown"
                + (nextPage && !allPages ? ", and meta.next_page continues after all " + total + ", not after these "
                + keep : "")
                + (cursor ? ", and meta.cursor continues after all " + total + ", not after these " + keep : "")
                + ". "
                + (narrowing != null ? narrowing : "To get them, repeat the call narrower: fields with only what you "
                + "need, " + (allPages ? "a smaller max_records" : "limit=" + keep) + ", or filters."));
        return copy;
    }

    /** One record (the first of a list) with every long text value shortened until it fits; else no data at all. */
    private Fitted shorterText(ObjectNode envelope) {
        JsonNode data = envelope.path("data");
        int total = data.isArray() ? data.size() : 1;
        for (int limit : TEXT_LIMITS) {
            ObjectNode copy = envelope.deepCopy();
            JsonNode kept = data.isArray() && !data.isEmpty()
                    ? mapper.createArrayNode().add(shorten(data.get(0).deepCopy(), limit))
                    : shorten(copy.get("data"), limit);
            copy.set("data", kept);
            ObjectNode note = meta(copy).putObject(CUT);
            if (data.isArray()) {
                note.put("records_returned", Math.min(1, total));
                note.put("records_dropped", Math.max(0, total - 1));
            }
            note.put("text_values_cut_to", limit);
            note.put("note", "Cut to stay under " + maxChars + " characters: text values longer than " + limit
                    + " characters end in \"...[cut]\"" + (total > 1 ? " and only the first of " + total
                    + " records is shown" : "") + ". Ask for fewer fields (e.g. fields=name), or get one record with "
                    + "only the long field.");
            String json = write(copy);
            if (json.length() <= maxChars) {
                return new Fitted(copy, json, true);
            }
        }
        ObjectNode copy = envelope.deepCopy();
        copy.putNull("data");
        meta(copy).putObject(CUT).put("note", "The result is larger than " + maxChars
                + " characters even with its text cut; ask for fewer fields (e.g. fields=name) or fewer records.");
        return new Fitted(copy, write(copy), true);
    }

    private static JsonNode shorten(JsonNode node, int limit) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.asText();
            return s.length() <= limit ? node : new TextNode(s.substring(0, limit) + "...[cut]");
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, shorten(a.get(i), limit));
            }
        } else if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, shorten(o.get(name), limit));
            }
        }
        return node;
    }

    private static ObjectNode meta(ObjectNode envelope) {
        return envelope.get("meta") instanceof ObjectNode o ? o : envelope.putObject("meta");
    }

    /** The JSON text of a node. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
