package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
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
 * @param filter the filter, or null for every record
 * @param sort   sort keys in order (records with the same keys come in gid order)
 * @param limit  records per page
 * @param offset where the page starts (from the cursor)
 * @param fields the fields to return, or empty for the whole record
 */
public record SearchRequest(Filter filter, List<Sort> sort, int limit, int offset, List<FieldPath> fields) {
    /** Records per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1_000;
    private static final List<String> PARAMS = List.of("query", "limit", "cursor", "fields");
    private static final String CURSOR_PREFIX = "cs1:";

    /** One sort key. */
    public record Sort(FieldPath path, boolean descending) {
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
        int offset = 0;
        JsonNode c = params.get("cursor");
        if (c != null && !c.isNull()) {
            offset = offset(c.asText());
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
        return new SearchRequest(filter, sort, limit, offset, fields);
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + offset)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX)) {
                int n = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw new QueryException("cursor", "cursor is not one this store gave: pass meta.cursor of the previous "
                + "page unchanged, or leave it out for the first page");
    }
}
