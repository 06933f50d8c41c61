package dev.agentconnector.runtime.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;
import dev.agentconnector.runtime.spec.StandardParams;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Example calls chosen from the spec, so they stay valid as it changes: a filtered first page with chosen fields,
 * the next page, every page of another list, a get, and (unless read-only) a create and an update. Values come from
 * each param's {@code example}, else a {@code <name>} placeholder.
 */
final class Examples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<OperationSpec> ops = new ArrayList<>();

    Examples(List<EntitySpec> entities, boolean readOnly) {
        for (EntitySpec e : entities) {
            ops.addAll(ToolDescription.visibleActions(e, readOnly));
        }
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        OperationSpec list = first(op -> paged(op) && !op.requiresOneOf().isEmpty(), null);
        if (list == null) {
            list = first(Examples::paged, null);
        }
        if (list != null) {
            Map<String, Object> firstPage = required(list);
            firstPage.put(StandardParams.LIMIT, 10);
            if (list.acceptsFields() && list.defaultFields().size() >= 2) {
                firstPage.put(StandardParams.FIELDS, list.defaultFields().subList(0, 2));
            }
            lines.add(line(list, firstPage));
            OperationSpec other = list;
            OperationSpec all = first(op -> paged(op) && op != other && hasPathParam(op), other);
            Map<String, Object> every = required(all);
            every.put(StandardParams.FETCH_ALL, true);
            every.put(StandardParams.MAX_RECORDS, 500);
            lines.add(line(all, every));
        }
        OperationSpec get = first(op -> "get".equals(op.action()) && hasPathParam(op), null);
        if (get != null) {
            lines.add(line(get, required(get)));
        }
        OperationSpec create = first(op -> "create".equals(op.action()) && hasRequiredBodyProperty(op), null);
        if (create != null) {
            lines.add(line(create, required(create)));
        }
        OperationSpec update = first(op -> "update".equals(op.action()) && hasPathParam(op), null);
        if (update != null) {
            lines.add(line(update, updateParams(update)));
        }
        return lines;
    }

    private OperationSpec first(Predicate<OperationSpec> test, OperationSpec fallback) {
        return ops.stream().filter(test).findFirst().orElse(fallback);
    }

    private static boolean paged(OperationSpec op) {
        return op.pagination() == Pagination.OFFSET;
    }

    private static boolean hasPathParam(OperationSpec op) {
        return op.params().values().stream().anyMatch(p -> p.location() == ParamLocation.PATH);
    }

    private static boolean hasRequiredBodyProperty(OperationSpec op) {
        return op.params().values().stream().anyMatch(p -> p.location() == ParamLocation.BODY
                && p.properties().values().stream().anyMatch(ParamSpec::required));
    }

    /** Required params, the first group of {@code requires_one_of}, and required nested properties. */
    private static Map<String, Object> required(OperationSpec op) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (!op.requiresOneOf().isEmpty()) {
            for (String name : op.requiresOneOf().get(0)) {
                ParamSpec p = op.param(name);
                if (p != null) {
                    params.put(name, value(p));
                }
            }
        }
        for (ParamSpec p : op.params().values()) {
            if (p.required()) {
                params.put(p.name(), value(p));
            }
        }
        if (!op.requiresOneOf().isEmpty()) {
            for (String name : op.requiresOneOf().get(0)) {
                int dot = name.indexOf('.');
                ParamSpec parent = dot < 0 ? null : op.param(name.substring(0, dot));
                ParamSpec child = parent == null ? null : parent.properties().get(name.substring(dot + 1));
                if (child != null && params.get(parent.name()) instanceof Map<?, ?> nested) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) nested;
                    fields.put(child.name(), value(child));
                }
            }
        }
        return params;
    }

    /** The path params, and a data object setting its first boolean (or else first nullable) property. */
    private static Map<String, Object> updateParams(OperationSpec op) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec p : op.params().values()) {
            if (p.location() == ParamLocation.PATH) {
                params.put(p.name(), value(p));
            } else if (p.type() == ParamType.OBJECT && !p.properties().isEmpty()) {
                ParamSpec pick = p.properties().values().stream().filter(c -> c.type() == ParamType.BOOLEAN)
                        .findFirst().orElse(p.properties().values().stream().filter(ParamSpec::nullable)
                                .findFirst().orElse(p.properties().values().iterator().next()));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put(pick.name(), pick.type() == ParamType.BOOLEAN ? Boolean.TRUE
                        : pick.nullable() ? null : value(pick));
                params.put(p.name(), data);
            }
        }
        return params;
    }

    private static Object value(ParamSpec p) {
        if (p.example() != null) {
            return p.example();
        }
        if (!p.enumValues().isEmpty()) {
            return p.enumValues().get(0);
        }
        return switch (p.type()) {
            case STRING -> "<" + p.name() + ">";
            case INTEGER, NUMBER -> p.minimum() != null ? p.minimum() : 10;
            case BOOLEAN -> true;
            case ARRAY -> p.items() == null ? List.of() : List.of(value(p.items()));
            case OBJECT -> {
                Map<String, Object> o = new LinkedHashMap<>();
                for (ParamSpec c : p.properties().values()) {
                    if (c.required()) {
                        o.put(c.name(), value(c));
                    }
                }
                yield o;
            }
        };
    }

    private static String line(OperationSpec op, Map<String, Object> params) {
        try {
            return op.entity() + " " + op.action() + " " + JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
