package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The params of {@code context_store_aggregate}: {@code filter} (as search), {@code group_by} (field paths, or
 * {@code {"field": "due_on", "by": "day" | "week" | "month"}} for date buckets), {@code metrics}
 * ({@code [{"count": "*"}, {"sum": "num_subtasks"}, {"avg": …}, {"min": …}, {"max": …}]}; default a count),
 * {@code sort} over group fields and metric names ({@code [{"count": "desc"}]}) and {@code limit} (groups, 1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}). A metric is named {@code count}, or {@code fn_field} with
 * the dots of the field as underscores ({@code sum_num_subtasks}).
 *
 * @param filter  the records to aggregate, or null for all
 * @param groups  the group keys, in order
 * @param metrics the metrics, in order
 * @param sort    sort keys over group fields and metric names
 * @param limit   groups returned at most
 */
public record AggregateRequest(Filter filter, List<Group> groups, List<Metric> metrics, List<Sort> sort, int limit) {
    /** Groups returned unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 10_000;
    private static final List<String> PARAMS = List.of("filter", "group_by", "metrics", "sort", "limit");
    private static final List<String> BUCKETS = List.of("day", "week", "month");
    private static final List<String> FUNCTIONS = List.of("count", "sum", "avg", "min", "max");

    /** A group key: a field, optionally bucketed by date. */
    public record Group(FieldPath path, String bucket) {
        /** The key's name in the result rows. */
        public String name() {
            return bucket == null ? path.dotted() : path.dotted() + ":" + bucket;
        }
    }

    /** A metric: {@code count}, or a function of a field. */
    public record Metric(String fn, FieldPath path) {
        /** The metric's name in the result rows. */
        public String name() {
            return path == null ? fn : fn + "_" + path.dotted().replace('.', '_');
        }
    }

    /** A sort key over a group or metric name. */
    public record Sort(String name, boolean descending) {
    }

    public AggregateRequest {
        groups = List.copyOf(groups);
        metrics = List.copyOf(metrics);
        sort = List.copyOf(sort);
    }

    /** Parses the params object of an aggregate. */
    public static AggregateRequest parse(JsonNode params) {
        if (params == null || !params.isObject()) {
            throw new QueryException(null, "params must be an object, e.g. {\"group_by\": [\"assignee.name\"], "
                    + "\"metrics\": [{\"count\": \"*\"}]}");
        }
        Params.onlyKnown(params, PARAMS, "an aggregate");
        Filter filter = params.hasNonNull("filter") ? Filter.parse(params.get("filter"), "filter") : null;
        List<Group> groups = new ArrayList<>();
        JsonNode g = params.get("group_by");
        if (g != null && !g.isNull()) {
            if (!g.isArray() || g.size() > 8) {
                throw new QueryException("group_by", "group_by is a list of up to 8 fields, e.g. [\"assignee.name\", "
                        + "{\"field\": \"due_on\", \"by\": \"month\"}]");
            }
            for (JsonNode one : g) {
                if (one.isTextual()) {
                    groups.add(new Group(FieldPath.parse(one.asText(), "group_by"), null));
                } else if (one.isObject() && one.path("field").isTextual()) {
                    String by = one.path("by").asText(null);
                    if (by != null && !BUCKETS.contains(by)) {
                        throw new QueryException("group_by", "group_by.by is one of " + BUCKETS + ", got '"
                                + FieldPath.clip(by) + "'");
                    }
                    groups.add(new Group(FieldPath.parse(one.get("field").asText(), "group_by"), by));
                } else {
                    throw new QueryException("group_by", "each group is a field path or {\"field\", \"by\"}");
                }
            }
        }
        List<Metric> metrics = new ArrayList<>();
        JsonNode m = params.get("metrics");
        if (m == null || m.isNull()) {
            metrics.add(new Metric("count", null));
        } else {
            if (!m.isArray() || m.isEmpty() || m.size() > 16) {
                throw new QueryException("metrics", "metrics is a list of 1 to 16, e.g. [{\"count\": \"*\"}, "
                        + "{\"sum\": \"num_subtasks\"}]");
            }
            for (JsonNode one : m) {
                if (!one.isObject() || one.size() != 1) {
                    throw new QueryException("metrics", "each metric is one {function: field}, e.g. {\"max\": "
                            + "\"due_on\"}");
                }
                String fn = one.fieldNames().next();
                if (!FUNCTIONS.contains(fn)) {
                    throw new QueryException("metrics", "unknown metric '" + FieldPath.clip(fn) + "': functions are "
                            + String.join(", ", FUNCTIONS));
                }
                String field = one.get(fn).asText("");
                if (fn.equals("count")) {
                    metrics.add(new Metric("count", null));
                } else {
                    metrics.add(new Metric(fn, FieldPath.parse(field, "metrics." + fn)));
                }
            }
        }
        Set<String> names = new LinkedHashSet<>();
        groups.forEach(x -> names.add(x.name()));
        metrics.forEach(x -> names.add(x.name()));
        List<Sort> sort = new ArrayList<>();
        for (Map.Entry<String, Boolean> key : Params.sortKeys(params.get("sort"), "sort")) {
            if (!names.contains(key.getKey())) {
                throw new QueryException("sort", "sort." + FieldPath.clip(key.getKey()) + ": sort by one of " + names);
            }
            sort.add(new Sort(key.getKey(), key.getValue()));
        }
        int limit = Params.limit(params, DEFAULT_LIMIT, MAX_LIMIT);
        return new AggregateRequest(filter, groups, metrics, sort, limit);
    }
}
