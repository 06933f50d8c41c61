package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.http.ApiError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trims each record of a result by dot paths ({@code assignee.name}): {@code select_fields} keeps only the listed
 * paths and wins over {@code exclude_fields}, which drops them. Paths descend through arrays element by element.
 */
public final class FieldFilter {
    private static final int MAX_PATHS = 200;

    /** A trie of path segments; a node with {@code whole} set covers everything below it. */
    private static final class Tree {
        final Map<String, Tree> children = new LinkedHashMap<>();
        boolean whole;
    }

    private FieldFilter() {
    }

    /** Checks the paths of {@code field} (400 naming the field when one is empty or malformed). */
    public static void validate(String field, List<String> paths) {
        if (paths == null) {
            return;
        }
        if (paths.size() > MAX_PATHS) {
            throw ApiError.invalid("'" + field + "' lists " + paths.size() + " paths; at most " + MAX_PATHS);
        }
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (p.isBlank() || p.startsWith(".") || p.endsWith(".") || p.contains("..") || p.length() > 200) {
                throw ApiError.invalid("'" + field + "[" + i + "]' must be a dot path such as \"name\" or "
                        + "\"assignee.name\"");
            }
        }
    }

    /** Applies the filters to every record of {@code data} (an array of records or one record). */
    public static JsonNode apply(JsonNode data, List<String> select, List<String> exclude) {
        if (select != null && !select.isEmpty()) {
            Tree t = tree(select);
            return eachRecord(data, r -> keep(r, t));
        }
        if (exclude != null && !exclude.isEmpty()) {
            Tree t = tree(exclude);
            return eachRecord(data, r -> drop(r, t));
        }
        return data;
    }

    private static JsonNode eachRecord(JsonNode data, java.util.function.UnaryOperator<JsonNode> f) {
        if (data.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            data.forEach(r -> out.add(f.apply(r)));
            return out;
        }
        return data.isObject() ? f.apply(data) : data;
    }

    private static Tree tree(List<String> paths) {
        Tree root = new Tree();
        for (String p : paths) {
            Tree t = root;
            for (String seg : p.split("\\.")) {
                t = t.children.computeIfAbsent(seg, k -> new Tree());
            }
            t.whole = true;
        }
        return root;
    }

    private static JsonNode keep(JsonNode node, Tree t) {
        if (t.whole) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> {
                JsonNode kept = keep(e, t);
                if (kept != null) {
                    out.add(kept);
                }
            });
            return out;
        }
        if (node.isNull()) {
            return node; // an unset object (assignee: null) stays visible as null
        }
        if (!node.isObject()) {
            return null; // a path that goes deeper than the data: nothing to keep
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        t.children.forEach((name, sub) -> {
            JsonNode child = node.get(name);
            if (child != null) {
                JsonNode kept = keep(child, sub);
                if (kept != null) {
                    out.set(name, kept);
                }
            }
        });
        return out;
    }

    private static JsonNode drop(JsonNode node, Tree t) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(drop(e, t)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Tree sub = t.children.get(e.getKey());
            if (sub == null) {
                out.set(e.getKey(), e.getValue());
            } else if (!sub.whole) {
                out.set(e.getKey(), drop(e.getValue(), sub));
            }
        }
        return out;
    }
}
