package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.runtime.exec.Suggestions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search filter, parsed from the grammar of {@code context_store_search}: an object whose keys are operators
 * ({@code {"eq": {"completed": false}}}); several operators in one object, and several fields under one
 * comparison operator, must all hold.
 *
 * <ul>
 *   <li>{@code eq neq gt gte lt lte}: {@code {op: {field: value}}}; ordering compares numbers as numbers and text as
 *       text (ISO dates order correctly as text); {@code eq null} matches a missing or null field.</li>
 *   <li>{@code in}: {@code {in: {field: [values]}}}.</li>
 *   <li>{@code like}: case-insensitive substring; {@code %} and {@code _} are wildcards when present.</li>
 *   <li>{@code keyword}: any of the words occurs (case-insensitive).</li>
 *   <li>{@code fuzzy}: every word of the text matches a word of the field, in any order, ignoring case, accents and
 *       punctuation: as a prefix of it, or within 1 edit (words of 4 to 7 characters) or 2 (8 or more), a swap of
 *       neighbours counting as one; see {@link Fuzzy}.</li>
 *   <li>{@code contains}: {@code {contains: {field: value}}}, the field is an array holding the value.</li>
 *   <li>{@code any}: {@code {any: {field: filter}}}, some element of an array of objects passes the filter.</li>
 *   <li>{@code not}, {@code and}, {@code or}: a filter, a list of filters.</li>
 * </ul>
 */
public sealed interface Filter {
    /** The operators, for messages. */
    List<String> OPERATORS = List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "like", "fuzzy", "keyword",
            "contains", "any", "not", "and", "or");

    /** A comparison of a field with a value (null, boolean, number or text). */
    record Compare(String op, FieldPath path, JsonNode value) implements Filter {
    }

    /** The field equals one of the values. */
    record In(FieldPath path, List<JsonNode> values) implements Filter {
    }

    /** A text operator: {@code like}, {@code keyword} or {@code fuzzy}; {@code text} is as the caller wrote it. */
    record Text(String op, FieldPath path, String text) implements Filter {
    }

    /** The field is an array holding the value. */
    record Contains(FieldPath path, JsonNode value) implements Filter {
    }

    /** Some element of the array field passes {@code element} (paths in it are relative to the element). */
    record Any(FieldPath path, Filter element) implements Filter {
    }

    /** The filter does not hold. */
    record Not(Filter filter) implements Filter {
    }

    /** Every filter holds. */
    record And(List<Filter> filters) implements Filter {
    }

    /** Some filter holds. */
    record Or(List<Filter> filters) implements Filter {
    }

    /** The most values {@code in} takes. */
    int MAX_IN = 1_000;
    /** The deepest nesting of {@code not}, {@code and}, {@code or} and {@code any}. */
    int MAX_DEPTH = 16;

    /** Parses a filter; {@code where} names it in messages (e.g. {@code query.filter}). */
    static Filter parse(JsonNode node, String where) {
        return parse(node, where, 0);
    }

    private static Filter parse(JsonNode node, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new QueryException(where, where + ": filters are nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new QueryException(where, where + ": a filter is an object of operators, e.g. "
                    + "{\"eq\": {\"completed\": false}}");
        }
        List<Filter> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> ops = node.properties().iterator();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> e = ops.next();
            String op = e.getKey();
            String at = where + "." + op;
            JsonNode arg = e.getValue();
            switch (op) {
                case "eq", "neq", "gt", "gte", "lt", "lte" -> fields(arg, at).forEach((field, value) -> {
                    FieldPath path = FieldPath.parse(field, at);
                    if (!value.isValueNode()) {
                        throw new QueryException(at, at + "." + field + ": compare with a single value (text, "
                                + "number, boolean or null); for arrays use contains or any");
                    }
                    if (!op.endsWith("eq") && !value.isNumber() && !value.isTextual()) {
                        throw new QueryException(at, at + "." + field + ": " + op + " orders numbers and text "
                                + "(dates as ISO text), got " + kind(value));
                    }
                    all.add(new Compare(op, path, value));
                });
                case "in" -> fields(arg, at).forEach((field, value) -> {
                    if (!value.isArray() || value.isEmpty() || value.size() > MAX_IN) {
                        throw new QueryException(at, at + "." + field + ": in takes a list of 1 to " + MAX_IN
                                + " values");
                    }
                    List<JsonNode> values = new ArrayList<>();
                    value.forEach(v -> {
                        if (!v.isValueNode()) {
                            throw new QueryException(at, at + "." + field + ": in takes single values");
                        }
                        values.add(v);
                    });
                    all.add(new In(FieldPath.parse(field, at), values));
                });
                case "like", "keyword", "fuzzy" -> fields(arg, at).forEach((field, value) -> {
                    if (!value.isTextual() || value.asText().isBlank()) {
                        throw new QueryException(at, at + "." + field + ": " + op + " takes non-empty text");
                    }
                    all.add(new Text(op, FieldPath.parse(field, at), value.asText()));
                });
                case "contains" -> fields(arg, at).forEach((field, value) -> {
                    if (!value.isValueNode() || value.isNull()) {
                        throw new QueryException(at, at + "." + field + ": contains takes one value the array "
                                + "should hold (text, number or boolean)");
                    }
                    all.add(new Contains(FieldPath.parse(field, at), value));
                });
                case "any" -> fields(arg, at).forEach((field, value) ->
                        all.add(new Any(FieldPath.parse(field, at), parse(value, at + "." + field, depth + 1))));
                case "not" -> all.add(new Not(parse(arg, at, depth + 1)));
                case "and", "or" -> {
                    if (!arg.isArray() || arg.isEmpty()) {
                        throw new QueryException(at, at + ": " + op + " takes a non-empty list of filters");
                    }
                    List<Filter> parts = new ArrayList<>();
                    for (int i = 0; i < arg.size(); i++) {
                        parts.add(parse(arg.get(i), at + "[" + i + "]", depth + 1));
                    }
                    all.add(op.equals("and") ? new And(parts) : new Or(parts));
                }
                default -> throw new QueryException(at, where + ": unknown operator '" + FieldPath.clip(op) + "'"
                        + suggestion(op) + "; operators: " + String.join(", ", OPERATORS));
            }
        }
        return all.size() == 1 ? all.get(0) : new And(all);
    }

    private static Map<String, JsonNode> fields(JsonNode arg, String at) {
        if (arg == null || !arg.isObject() || arg.isEmpty()) {
            throw new QueryException(at, at + ": takes an object of field: value, e.g. {\"name\": \"Launch\"}");
        }
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        arg.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String kind(JsonNode v) {
        return v.isNull() ? "null" : v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** " (did you mean 'x'?)" for a near operator name or a familiar alias ({@code ne}, {@code ==}), else empty. */
    private static String suggestion(String op) {
        String alias = switch (op) {
            case "ne", "!=", "<>" -> "neq";
            case "=", "==" -> "eq";
            default -> null;
        };
        return alias != null ? " (did you mean '" + alias + "'?)" : Suggestions.didYouMean(op, OPERATORS);
    }
}
