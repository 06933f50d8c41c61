package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;

import java.util.ArrayList;
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
 */
public final class ToolSchemas {
    private ToolSchemas() {
    }

    /** The input schema of {@code execute}: {@code entity} and {@code action} enums and a {@code params} object. */
    public static Map<String, Object> execute(ConnectorSpec spec, boolean readOnly) {
        Set<String> actions = new LinkedHashSet<>();
        List<String> entities = new ArrayList<>();
        for (EntitySpec e : ToolDescription.visibleEntities(spec, readOnly)) {
            entities.add(e.name());
            ToolDescription.visibleActions(e, readOnly).forEach(op -> actions.add(op.action()));
        }
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
        EntitySpec e = spec.entities().get(entity);
        List<OperationSpec> ops = e == null ? List.of() : ToolDescription.visibleActions(e, readOnly);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("no " + (readOnly ? "readable " : "") + "entity '" + entity + "'");
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
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, List<String>> takenBy = new LinkedHashMap<>();
        for (OperationSpec op : ops) {
            for (ParamSpec p : op.params().values()) {
                takenBy.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(op.action());
                Map<String, Object> schema = param(p);
                @SuppressWarnings("unchecked")
                Map<String, Object> earlier = (Map<String, Object>) properties.get(p.name());
                properties.put(p.name(), earlier == null ? schema : merge(earlier, schema));
            }
        }
        takenBy.forEach((name, actions) -> {
            if (actions.size() < ops.size()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> schema = (Map<String, Object>) properties.get(name);
                schema.put("description", "[" + String.join(", ", actions) + "] "
                        + Objects.toString(schema.get("description"), ""));
            }
        });
        StringBuilder note = new StringBuilder("Params of the chosen action; each property says which actions take "
                + "it when not all do. Required per action:");
        for (OperationSpec op : ops) {
            note.append(' ').append(op.action()).append(':').append(requiredList(op)).append(';');
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
