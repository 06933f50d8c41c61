package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * JSON Schemas (draft 2020-12, as plain maps) for tool inputs, built from the spec: one for the single
 * {@code execute(entity, action, params)} tool, one per entity for per-entity tools, and one per action's params.
 *
 * <p>The per-entity schema is flat: {@code {action: enum, params: object}} where {@code params} lists the union of
 * the params of the entity's actions, each marked with the actions that take it when not all do, and the
 * {@code params} description says which are required per action. Models fill flat objects more reliably than
 * {@code oneOf} branches, and several model APIs refuse {@code oneOf} or a non-object root; the server checks the
 * exact per-action rules and answers with a message naming the fix.
 *
 * <p>Actions answered without the API ({@link LocalActions}) join the spec's: their names in the {@code action}
 * enums, their params (from their own schemas) in the per-entity {@code params}.
 */
public final class ToolSchemas {
    private ToolSchemas() {
    }

    /** The input schema of {@code execute}: {@code entity} and {@code action} enums and a {@code params} object. */
    public static Map<String, Object> execute(ConnectorSpec spec, boolean readOnly) {
        return execute(spec, readOnly, LocalActions.NONE);
    }

    /** As {@link #execute(ConnectorSpec, boolean)}, the actions of {@code local} offered in this mode included. */
    public static Map<String, Object> execute(ConnectorSpec spec, boolean readOnly, LocalActions local) {
        Set<String> actions = new LinkedHashSet<>();
        List<String> entities = new ArrayList<>();
        for (EntitySpec e : ToolDescription.visibleEntities(spec, readOnly, local)) {
            entities.add(e.name());
            ToolDescription.visibleActions(e, readOnly).forEach(op -> actions.add(op.action()));
        }
        ToolDescription.visibleLocalActions(spec, local, readOnly).forEach(a -> actions.add(a.action()));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("entity", Map.of("type", "string", "enum", entities,
                "description", "Entity to act on, e.g. " + entities.get(0)));
        properties.put("action", Map.of("type", "string", "enum", List.copyOf(actions),
                "description", "Action of that entity; each entity supports only the actions listed for it"));
        properties.put("params", Map.of("type", "object", "additionalProperties", true,
                "description", "The action's params as one JSON object ({} when it needs none)"));
        return object(properties, List.of("entity", "action"));
    }

    /**
     * The input schema of a tool for one entity: {@code action} (an enum of its offered actions) and {@code params},
     * the union of those actions' params.
     *
     * @throws IllegalArgumentException when the entity is unknown or offers no action in this mode
     */
    public static Map<String, Object> entity(ConnectorSpec spec, String entity, boolean readOnly) {
        return entity(spec, entity, readOnly, LocalActions.NONE);
    }

    /**
     * As {@link #entity(ConnectorSpec, String, boolean)}, with the entity's actions of {@code local} offered in this
     * mode after the spec's: their names in the enum, their params in {@code params}. A param that a local action
     * shares with another action takes the wider of the two schemas and both descriptions, each marked with its
     * actions.
     *
     * @throws IllegalArgumentException when the entity is unknown or offers no action in this mode
     */
    public static Map<String, Object> entity(ConnectorSpec spec, String entity, boolean readOnly, LocalActions local) {
        EntitySpec e = spec.entities().get(entity);
        List<OperationSpec> ops = e == null ? List.of() : ToolDescription.visibleActions(e, readOnly);
        List<LocalAction> more = e == null ? List.of()
                : ToolDescription.visibleLocalActions(spec, entity, local, readOnly);
        if (ops.isEmpty() && more.isEmpty()) {
            throw new IllegalArgumentException("no " + (readOnly ? "readable " : "") + "entity '" + entity + "'");
        }
        if (!more.isEmpty()) {
            return withLocal(ops, more);
        }
        List<String> names = ops.stream().map(OperationSpec::action).toList();
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "string");
        action.put("enum", names);
        action.put("description", "The action to run; the tool description says what each does");
        properties.put("action", action);
        if (ops.size() == 1) {
            // the only action may be left out; params are required when the action needs any
            Map<String, Object> params = params(ops.get(0));
            params.put("description", "Params of " + ops.get(0).action() + requiredNote(ops.get(0)));
            properties.put("params", params);
            return object(properties, needsParams(ops.get(0)) ? List.of("params") : List.of());
        }
        properties.put("params", mergedParams(ops));
        return object(properties, ops.stream().allMatch(ToolSchemas::needsParams) ? List.of("action", "params")
                : List.of("action"));
    }

    /** What an action contributes to a per-entity schema: its name, params schema and required params. */
    private record Taker(String action, Map<String, Object> schema, boolean local, String required,
                         boolean requires) {
        static Taker of(OperationSpec op) {
            return new Taker(op.action(), params(op), false, requiredList(op), needsParams(op));
        }

        static Taker of(LocalAction a) {
            Object required = a.params().get("required");
            List<String> names = new ArrayList<>();
            if (required instanceof List<?> list) {
                list.forEach(n -> names.add(String.valueOf(n)));
            }
            return new Taker(a.action(), a.params(), true, names.isEmpty() ? " none" : " " + String.join(", ", names),
                    !names.isEmpty());
        }
    }

    /** The per-entity schema of spec and local actions together. */
    private static Map<String, Object> withLocal(List<OperationSpec> ops, List<LocalAction> more) {
        List<Taker> takers = new ArrayList<>();
        ops.forEach(op -> takers.add(Taker.of(op)));
        more.forEach(a -> takers.add(Taker.of(a)));
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "string");
        action.put("enum", takers.stream().map(Taker::action).toList());
        action.put("description", "The action to run; the tool description says what each does");
        properties.put("action", action);
        if (takers.size() == 1) {
            Taker only = takers.get(0);
            Map<String, Object> params = new LinkedHashMap<>(only.schema());
            params.put("description", "Params of " + only.action()
                    + (only.required().equals(" none") ? "" : "; required:" + only.required()));
            properties.put("params", params);
            return object(properties, only.requires() ? List.of("params") : List.of());
        }
        properties.put("params", mergedTakers(takers));
        return object(properties, takers.stream().allMatch(Taker::requires) ? List.of("action", "params")
                : List.of("action"));
    }

    /** Whether a call of {@code op} cannot do without params: a required param or a choice of params to give. */
    static boolean needsParams(OperationSpec op) {
        return !op.requiresOneOf().isEmpty() || op.params().values().stream().anyMatch(ParamSpec::required);
    }

    /** The schema of one action's params: every param (standard ones included) with its type, bounds and meaning. */
    public static Map<String, Object> params(OperationSpec op) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ParamSpec p : op.params().values()) {
            properties.put(p.name(), param(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        return object(properties, required);
    }

    /** The schema of one param: type (with null when it may be cleared), values, bounds, format and meaning. */
    public static Map<String, Object> param(ParamSpec p) {
        Map<String, Object> s = new LinkedHashMap<>();
        String type = jsonType(p.type());
        s.put("type", p.nullable() ? List.of(type, "null") : type);
        if (!p.enumValues().isEmpty()) {
            List<Object> values = new ArrayList<>(p.enumValues());
            if (p.nullable()) {
                values.add(null);
            }
            s.put("enum", values);
        }
        if (p.minimum() != null) {
            s.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            s.put("maximum", p.maximum());
        }
        if (p.maxLength() != null) {
            s.put("maxLength", p.maxLength());
        }
        if ("date".equals(p.format()) || "date-time".equals(p.format())) {
            s.put("format", p.format());
        } else if ("gid".equals(p.format())) {
            s.put("pattern", "^[0-9]+$");
        }
        if (p.type() == ParamType.ARRAY && p.items() != null) {
            s.put("items", param(p.items()));
        }
        if (p.type() == ParamType.OBJECT && !p.properties().isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (ParamSpec c : p.properties().values()) {
                properties.put(c.name(), param(c));
                if (c.required()) {
                    required.add(c.name());
                }
            }
            s.put("properties", properties);
            if (!required.isEmpty()) {
                s.put("required", required);
            }
            s.put("additionalProperties", false);
        }
        String description = p.description();
        if ("user".equals(ParamNotation.formatOf(p)) && description != null
                && !description.toLowerCase(java.util.Locale.ROOT).contains("email")) {
            description += " (a user gid, an email or me)";
        }
        if (description != null) {
            s.put("description", description);
        }
        if (p.example() != null) {
            s.put("examples", List.of(p.example()));
        }
        return s;
    }

    /** The union of the actions' params; a param not taken by every action names the ones that take it. */
    private static Map<String, Object> mergedParams(List<OperationSpec> ops) {
        return mergedTakers(ops.stream().map(Taker::of).toList());
    }

    /**
     * The union of the takers' params. Spec actions sharing a param keep the first one's schema (objects merge
     * their properties); when a local action shares it, the schema widens to accept what either accepts. A param
     * not taken by every action names the ones that take it, each group of actions with its own description.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergedTakers(List<Taker> takers) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, List<String>> takenBy = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> described = new LinkedHashMap<>();
        Map<String, String> specDescription = new LinkedHashMap<>();
        Set<String> widened = new HashSet<>();
        for (Taker t : takers) {
            Object props = t.schema().get("properties");
            if (!(props instanceof Map)) {
                continue;
            }
            for (Map.Entry<String, Object> p : ((Map<String, Object>) props).entrySet()) {
                String name = p.getKey();
                takenBy.computeIfAbsent(name, k -> new ArrayList<>()).add(t.action());
                Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) p.getValue());
                String text = Objects.toString(schema.get("description"), "");
                String key = t.local() ? text : specDescription.computeIfAbsent(name, k -> text);
                described.computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new ArrayList<>()).add(t.action());
                Map<String, Object> earlier = (Map<String, Object>) properties.get(name);
                if (earlier == null) {
                    properties.put(name, schema);
                } else if (t.local() || widened.contains(name)) {
                    properties.put(name, widen(earlier, schema));
                } else {
                    properties.put(name, merge(earlier, schema));
                }
                if (t.local()) {
                    widened.add(name);
                }
            }
        }
        takenBy.forEach((name, actions) -> {
            Map<String, List<String>> groups = described.get(name);
            if (actions.size() < takers.size() || groups.size() > 1) {
                Map<String, Object> schema = (Map<String, Object>) properties.get(name);
                StringBuilder text = new StringBuilder();
                groups.forEach((description, by) -> text.append(text.length() == 0 ? "" : "; ").append('[')
                        .append(String.join(", ", by)).append("] ").append(description));
                schema.put("description", text.toString());
            }
        });
        StringBuilder note = new StringBuilder("Params of the chosen action; each property says which actions take "
                + "it when not all do. Required per action:");
        for (Taker t : takers) {
            note.append(' ').append(t.action()).append(':').append(t.required()).append(';');
        }
        note.setLength(note.length() - 1);
        Map<String, Object> schema = object(properties, List.of());
        schema.put("description", note.append('.').toString());
        return schema;
    }

    /**
     * Two actions' schemas of a same-named param: objects merge their properties (required only where both
     * require), other schemas keep the first.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        if (!(a.get("properties") instanceof Map) || !(b.get("properties") instanceof Map)) {
            return a;
        }
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) a.get("properties"));
        ((Map<String, Object>) b.get("properties")).forEach(properties::putIfAbsent);
        List<String> required = new ArrayList<>((List<String>) a.getOrDefault("required", List.of()));
        required.retainAll((List<String>) b.getOrDefault("required", List.of()));
        Map<String, Object> merged = new LinkedHashMap<>(a);
        merged.put("properties", properties);
        if (required.isEmpty()) {
            merged.remove("required");
        } else {
            merged.put("required", required);
        }
        return merged;
    }

    /**
     * A schema accepting what either of two accepts, as far as a flat schema can say it: types joined, bounds
     * widened, and a constraint only one of them has (an enum, a format, a bound, a property list) dropped.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> widen(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> w = new LinkedHashMap<>(a);
        if (!Objects.equals(a.get("type"), b.get("type"))) {
            Set<Object> types = new LinkedHashSet<>();
            for (Object t : new Object[]{a.get("type"), b.get("type")}) {
                if (t instanceof List<?> list) {
                    types.addAll(list);
                } else if (t != null) {
                    types.add(t);
                }
            }
            if (a.get("type") == null || b.get("type") == null) {
                w.remove("type");
            } else {
                w.put("type", List.copyOf(types));
            }
        }
        if (a.get("enum") instanceof List<?> ea && b.get("enum") instanceof List<?> eb) {
            List<Object> values = new ArrayList<>(ea);
            eb.stream().filter(v -> !values.contains(v)).forEach(values::add);
            w.put("enum", values);
        } else {
            w.remove("enum");
        }
        for (String bound : List.of("minimum", "minLength", "minItems")) {
            widenBound(w, a.get(bound), b.get(bound), bound, true);
        }
        for (String bound : List.of("maximum", "maxLength", "maxItems")) {
            widenBound(w, a.get(bound), b.get(bound), bound, false);
        }
        for (String exact : List.of("format", "pattern", "additionalProperties")) {
            if (!Objects.equals(a.get(exact), b.get(exact))) {
                w.remove(exact);
            }
        }
        if (a.get("items") instanceof Map && b.get("items") instanceof Map) {
            w.put("items", widen((Map<String, Object>) a.get("items"), (Map<String, Object>) b.get("items")));
        } else {
            w.remove("items");
        }
        if (a.get("properties") instanceof Map && b.get("properties") instanceof Map) {
            Map<String, Object> merged = merge(a, b);
            w.put("properties", merged.get("properties"));
            if (merged.containsKey("required")) {
                w.put("required", merged.get("required"));
            } else {
                w.remove("required");
            }
        } else {
            w.remove("properties");
            w.remove("required");
        }
        return w;
    }

    private static void widenBound(Map<String, Object> w, Object a, Object b, String name, boolean lower) {
        if (a == null || b == null) {
            w.remove(name);
            return;
        }
        int c = new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        w.put(name, (lower ? c <= 0 : c >= 0) ? a : b);
    }

    private static String requiredNote(OperationSpec op) {
        String list = requiredList(op);
        return list.equals(" none") ? "" : "; required:" + list;
    }

    /** Required params, with required properties of objects in brackets, and the requires-one-of groups. */
    private static String requiredList(OperationSpec op) {
        List<String> parts = new ArrayList<>();
        for (ParamSpec p : op.params().values()) {
            if (p.required()) {
                List<String> inner = p.properties().values().stream().filter(ParamSpec::required)
                        .map(ParamSpec::name).toList();
                parts.add(p.name() + (inner.isEmpty() ? "" : " (" + String.join(", ", inner) + ")"));
            }
        }
        if (!op.requiresOneOf().isEmpty()) {
            parts.add("one of " + String.join(" | ", op.requiresOneOf().stream()
                    .map(g -> String.join("+", g)).toList()));
        }
        return parts.isEmpty() ? " none" : " " + String.join(", ", parts);
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

    private static String jsonType(ParamType type) {
        return switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
        };
    }
}
