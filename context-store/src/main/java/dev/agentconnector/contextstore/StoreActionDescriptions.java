package dev.agentconnector.contextstore;

import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How tools present the store's actions to a model: one {@link LocalAction} per entity and action (a line of meaning,
 * the params schema, read-only) and the guide written into the connector's tool description, which teaches the
 * grammar of {@link SearchRequest}, {@link Filter} and {@link AggregateRequest} with an example of each.
 */
public final class StoreActionDescriptions {
    /** What {@code context_store_search} does, in one line. */
    static final String SEARCH = "Filter, sort and page synced records; meta.synced_at says how fresh";
    /** What {@code context_store_aggregate} does, in one line. */
    static final String AGGREGATE = "Group synced records and count or total them";

    private static final String FILTER = "{op: {field: value}}; several ops, or fields under one op, in one object "
            + "all hold; field paths dotted (assignee.name). Ops: eq neq gt gte lt lte (dates as ISO text; eq null: "
            + "missing or null), in [values], like (substring; % _ wildcards), keyword (any word), fuzzy (every "
            + "word, any order), contains (array holds the value), any {array_field: filter}, not filter, and/or "
            + "[filters]. E.g. {\"eq\": {\"completed\": false}, \"lt\": {\"due_on\": \"2026-01-31\"}}";

    private static final String GUIDE = String.join("\n",
            "Context store: a synced copy of Asana; prefer it to list for questions across a workspace, counts and "
                    + "filters the API lacks (get reads live). It lags up to the sync interval (meta.synced_at); "
                    + "refresh: asana-agent sync or POST .../connectors/{id}/sync.",
            "search: query* {filter, sort [{field: \"asc\"|\"desc\"}]}, limit 1.." + SearchRequest.MAX_LIMIT
                    + ", cursor=meta.cursor if meta.has_more, fields.",
            "filter: {op: {field: value}}, all hold; ops eq neq gt gte lt lte (ISO dates), in [values], like "
                    + "(substring), keyword (any word), fuzzy (all words), contains, any {array: filter}, not, "
                    + "and/or [filters]; dotted paths.",
            "aggregate: filter, group_by [path | {\"field\": \"due_on\", \"by\": \"day|week|month\"}], "
                    + "metrics [{\"count\": \"*\"}, {\"sum|avg|min|max\": path}] (default count), sort, limit.",
            "tasks " + StoreActions.SEARCH + " {\"query\":{\"filter\":{\"like\":{\"name\":\"launch\"}}},"
                    + "\"fields\":[\"name\",\"assignee.name\"]}",
            "tasks " + StoreActions.AGGREGATE + " {\"filter\":{\"eq\":{\"completed\":false},\"lt\":{\"due_on\":"
                    + "\"<today>\"}},\"group_by\":[\"assignee.name\"],\"sort\":[{\"count\":\"desc\"}]}");

    private StoreActionDescriptions() {
    }

    /** The store's actions on each entity it holds: search, then aggregate, entity by entity. */
    public static List<LocalAction> actions() {
        List<LocalAction> list = new ArrayList<>();
        for (String entity : StoreActions.ENTITIES) {
            list.add(new LocalAction(entity, StoreActions.SEARCH, SEARCH, searchParams(), true));
            list.add(new LocalAction(entity, StoreActions.AGGREGATE, AGGREGATE, aggregateParams(), true));
        }
        return List.copyOf(list);
    }

    /**
     * The part of the tool description on the store: when to prefer it to the API's actions, how fresh it is and
     * how to refresh it, the params and filter grammar, and an example search and aggregate.
     */
    public static String guide() {
        return GUIDE;
    }

    /**
     * The store's actions as they describe themselves, answered by nothing: for printing the description a connector
     * with a store carries, without a store at hand.
     */
    public static LocalActions describing() {
        return new StoreLocalActions((entity, action, params) -> {
            throw new IllegalStateException(entity + "." + action + ": no store here; this only describes the "
                    + "actions (give the connector new StoreLocalActions(store, scope) to run them)");
        });
    }

    /** The params schema of {@code context_store_search}. */
    static Map<String, Object> searchParams() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("filter", schema("object", "The records to keep: " + FILTER + ". Left out: every record"));
        Map<String, Object> sort = schema("array", "Sort keys in order, [{field: \"asc\"|\"desc\"}], e.g. "
                + "[{\"due_on\": \"asc\"}]; missing values last, ties by gid");
        sort.put("items", Map.of("type", "object"));
        query.put("sort", sort);
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> q = schema("object", "{filter, sort}: which records, in what order");
        q.put("properties", query);
        q.put("additionalProperties", false);
        properties.put("query", q);
        properties.put("limit", bounded("Records per page, 1-" + SearchRequest.MAX_LIMIT + " (default "
                + SearchRequest.DEFAULT_LIMIT + ")", SearchRequest.MAX_LIMIT));
        properties.put("cursor", schema("string", "meta.cursor of the previous page, for the next one (there is "
                + "more while meta.has_more is true)"));
        Map<String, Object> fields = schema("array", "Fields to return, dotted when nested, e.g. [\"name\", "
                + "\"assignee.name\"]; left out: whole records");
        fields.put("items", Map.of("type", "string"));
        properties.put("fields", fields);
        return object(properties, List.of("query"));
    }

    /** The params schema of {@code context_store_aggregate}. */
    static Map<String, Object> aggregateParams() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("filter", schema("object", "The records to aggregate, written as query.filter of "
                + StoreActions.SEARCH + " (e.g. {\"eq\": {\"completed\": false}}); left out: every record"));
        Map<String, Object> groupBy = schema("array", "Up to 8 group keys: field paths, or {\"field\": \"due_on\", "
                + "\"by\": \"day\"|\"week\"|\"month\"} for dates; e.g. [\"assignee.name\"]. Left out: one group");
        groupBy.put("items", Map.of("type", List.of("string", "object")));
        properties.put("group_by", groupBy);
        Map<String, Object> metrics = schema("array", "[{\"count\": \"*\"}, {\"sum\"|\"avg\"|\"min\"|\"max\": "
                + "field}]; default a count; each named count or fn_field with dots as _ (sum_num_subtasks)");
        metrics.put("items", Map.of("type", "object"));
        properties.put("metrics", metrics);
        Map<String, Object> sort = schema("array", "[{name: \"asc\"|\"desc\"}] over group_by fields and metric "
                + "names, e.g. [{\"count\": \"desc\"}]");
        sort.put("items", Map.of("type", "object"));
        properties.put("sort", sort);
        properties.put("limit", bounded("Groups returned, 1-" + AggregateRequest.MAX_LIMIT + " (default "
                + AggregateRequest.DEFAULT_LIMIT + ")", AggregateRequest.MAX_LIMIT));
        return object(properties, List.of());
    }

    private static Map<String, Object> schema(String type, String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        s.put("description", description);
        return s;
    }

    private static Map<String, Object> bounded(String description, int max) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "integer");
        s.put("minimum", 1);
        s.put("maximum", max);
        s.put("description", description);
        return s;
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }
}
