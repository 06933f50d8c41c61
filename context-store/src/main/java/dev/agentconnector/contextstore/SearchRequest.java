package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The params of {@code context_store_search}: {@code query} (required) with {@code filter} and {@code sort}
 * ({@code [{"due_on": "asc"}]}), {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}),
 * {@code cursor} from the previous page, and {@code fields} as dotted strings ({@code ["name", "assignee.name"]}) or
 * as lists of path segments ({@code [["assignee", "name"]]}).
 *
 * <p>A cursor is a keyset position: the sort-key values and the gid of the last record of a page (opaque to callers:
 * {@code cs2:} and base64url JSON), with a digest of the query it belongs to. The next page holds the records that
 * sort after that position, so records written or deleted between two pages never shift the others: paging on while
 * the store changes returns every record that did not change exactly once.
 *
 * @param filter the filter, or null for every record
 * @param sort   sort keys in order (records with the same keys come in gid order)
 * @param limit  records per page
 * @param after  where the page starts (from the cursor), or null for the first page
 * @param fields the fields to return, or empty for the whole record
 */
public record SearchRequest(Filter filter, List<Sort> sort, int limit, Cursor after, List<FieldPath> fields) {
    /** Records per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1_000;
    private static final List<String> PARAMS = List.of("query", "limit", "cursor", "fields");
    private static final String CURSOR_PREFIX = "cs2:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sort key. */
    public record Sort(FieldPath path, boolean descending) {
    }

    /**
     * A position in the results of one query: after the record with these sort-key values and this gid.
     *
     * @param query digest of the scope, entity, filter and sort the cursor was made for
     * @param keys  the sort-key values of the last record returned (null elements for missing values)
     * @param gid   its gid
     */
    public record Cursor(String query, List<JsonNode> keys, String gid) {
        public Cursor {
            keys = java.util.Collections.unmodifiableList(new ArrayList<>(keys));
        }

        /** The cursor as callers see it: {@code cs2:} and base64url JSON. */
        public String encode() {
            ObjectNode o = JSON.createObjectNode();
            o.put("q", query);
            ArrayNode k = o.putArray("k");
            keys.forEach(v -> k.add(v == null ? JSON.nullNode() : v));
            o.put("g", gid);
            return CURSOR_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString()
                    .getBytes(StandardCharsets.UTF_8));
        }

        /** Reads a cursor; a text that is not one raises a {@link QueryException} naming {@code cursor}. */
        public static Cursor decode(String text) {
            if (!text.startsWith(CURSOR_PREFIX)) {
                if (isOffsetCursor(text)) {
                    throw new QueryException("cursor", "cursor comes from an earlier version of the store that paged "
                            + "by position; leave cursor out to start again from the first page");
                }
                throw notOurs();
            }
            try {
                JsonNode o = JSON.readTree(Base64.getUrlDecoder().decode(text.substring(CURSOR_PREFIX.length())));
                if (o != null && o.path("q").isTextual() && o.path("k").isArray() && o.path("g").isTextual()) {
                    List<JsonNode> keys = new ArrayList<>();
                    for (JsonNode v : o.get("k")) {
                        if (!v.isValueNode()) {
                            throw notOurs();
                        }
                        keys.add(v.isNull() ? null : v);
                    }
                    return new Cursor(o.get("q").asText(), keys, o.get("g").asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                // falls through to the error
            }
            throw notOurs();
        }

        private static boolean isOffsetCursor(String text) {
            try {
                return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).startsWith("cs1:");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static QueryException notOurs() {
            return new QueryException("cursor", "cursor is not one this store gave: pass meta.cursor of the previous "
                    + "page unchanged, or leave cursor out to start from the first page");
        }
    }

    public SearchRequest {
        sort = List.copyOf(sort);
        fields = List.copyOf(fields);
    }

    /** Parses the params object of a search. */
    public static SearchRequest parse(JsonNode params) {
        if (params == null || !params.isObject()) {
            throw new QueryException(null, "params must be an object with query, e.g. {\"query\": {\"filter\": "
                    + "{\"eq\": {\"completed\": false}}}}");
        }
        Params.onlyKnown(params, PARAMS, "a search");
        JsonNode query = params.get("query");
        if (query == null || !query.isObject()) {
            throw new QueryException("query", "query is required: an object with filter and/or sort, e.g. "
                    + "{\"filter\": {\"eq\": {\"completed\": false}}}");
        }
        query.fieldNames().forEachRemaining(name -> {
            if (!name.equals("filter") && !name.equals("sort")) {
                throw new QueryException("query." + name, "query takes filter and sort, not '"
                        + FieldPath.clip(name) + "'");
            }
        });
        Filter filter = query.hasNonNull("filter") ? Filter.parse(query.get("filter"), "query.filter") : null;
        List<Sort> sort = new ArrayList<>();
        for (Map.Entry<String, Boolean> key : Params.sortKeys(query.get("sort"), "query.sort")) {
            sort.add(new Sort(FieldPath.parse(key.getKey(), "query.sort"), key.getValue()));
        }
        int limit = Params.limit(params, DEFAULT_LIMIT, MAX_LIMIT);
        Cursor after = null;
        JsonNode c = params.get("cursor");
        if (c != null && !c.isNull()) {
            if (!c.isTextual()) {
                throw Cursor.notOurs();
            }
            after = Cursor.decode(c.asText());
            if (after.keys().size() != sort.size()) {
                throw differentQuery();
            }
        }
        List<FieldPath> fields = new ArrayList<>();
        JsonNode f = params.get("fields");
        if (f != null && !f.isNull()) {
            if (!f.isArray()) {
                throw new QueryException("fields", "fields is a list of field paths, e.g. [\"name\", "
                        + "\"assignee.name\"] or [[\"assignee\", \"name\"]]");
            }
            for (JsonNode one : f) {
                if (one.isTextual()) {
                    fields.add(FieldPath.parse(one.asText(), "fields"));
                } else if (one.isArray() && !one.isEmpty()) {
                    List<String> parts = new ArrayList<>();
                    one.forEach(p -> parts.add(p.asText()));
                    fields.add(FieldPath.parse(String.join(".", parts), "fields"));
                } else {
                    throw new QueryException("fields", "each field is a dotted path or a list of names");
                }
            }
        }
        return new SearchRequest(filter, sort, limit, after, fields);
    }

    /**
     * A digest of what a cursor must agree with: the scope, the entity, the database kind, the filter and the sort
     * (not the limit or the fields, which may change from page to page).
     */
    String queryDigest(String scope, String entity, String database) {
        String canonical = scope + '\u0000' + entity + '\u0000' + database + '\u0000' + filter + '\u0000' + sort;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error of a cursor used with another query than the one it was made for. */
    static QueryException differentQuery() {
        return new QueryException("cursor", "cursor was made for a different query (its filter, sort or entity "
                + "differ): send the query of the page it came from unchanged, or leave cursor out to start from "
                + "the first page");
    }
}
