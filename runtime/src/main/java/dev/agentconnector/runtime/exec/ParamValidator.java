package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a call's params against its operation before anything is sent, and returns them normalized (numeric and
 * boolean strings converted, comma lists split). Every error names the operation, the param and the fix.
 */
public final class ParamValidator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern GID = Pattern.compile("\\d{1,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_STRING = 65_536;

    private final ObjectMapper mapper;

    public ParamValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Validates {@code params} (a Map, a JsonNode or null) and returns the normalized object. */
    public ObjectNode validate(OperationSpec op, Object params) {
        ObjectNode in = toObject(op, params);
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = in.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ParamSpec spec = op.param(e.getKey());
            if (spec == null) {
                throw error(op, e.getKey(), "unknown param '" + e.getKey() + "'"
                        + Suggestions.didYouMean(e.getKey(), op.params().keySet()) + "; "
                        + op.qualifiedName() + " accepts: " + acceptedList(op));
            }
            JsonNode value = e.getValue();
            if (value.isNull() && !spec.nullable() && !spec.required()) {
                continue; // an optional param passed as null means "not given"
            }
            out.set(e.getKey(), check(op, e.getKey(), spec, value));
        }
        for (ParamSpec spec : op.params().values()) {
            if (spec.required() && !out.has(spec.name())) {
                throw error(op, spec.name(), "missing required param '" + spec.name() + "' ("
                        + spec.typeLabel() + ": " + spec.description() + ")");
            }
        }
        checkOneOf(op, out);
        return out;
    }

    private ObjectNode toObject(OperationSpec op, Object params) {
        if (params == null) {
            return NODES.objectNode();
        }
        JsonNode node;
        try {
            node = params instanceof JsonNode j ? j : mapper.valueToTree(params);
        } catch (IllegalArgumentException e) {
            throw error(op, null, "params could not be read as JSON: " + e.getMessage());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NODES.objectNode();
        }
        if (!node.isObject()) {
            throw error(op, null, "params must be a JSON object of name → value, got " + kind(node));
        }
        return (ObjectNode) node;
    }

    private JsonNode check(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        if (value.isNull()) {
            if (spec.nullable()) {
                return value;
            }
            throw error(op, path, "param '" + path + "' cannot be null; give a " + spec.typeLabel()
                    + (spec.required() ? "" : " or leave it out"));
        }
        return switch (spec.type()) {
            case STRING -> checkString(op, path, spec, value);
            case INTEGER, NUMBER -> checkNumber(op, path, spec, value);
            case BOOLEAN -> checkBoolean(op, path, value);
            case ARRAY -> checkArray(op, path, spec, value);
            case OBJECT -> checkObject(op, path, spec, value);
        };
    }

    private JsonNode checkString(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        String s;
        if (value.isTextual()) {
            s = value.asText();
        } else if (value.isIntegralNumber() || value.isBoolean()) {
            s = value.asText(); // a gid passed as a number, or a flag passed to a string param
        } else {
            throw typeError(op, path, spec, value);
        }
        if (spec.location() == ParamLocation.PATH && s.isBlank()) {
            throw error(op, path, "param '" + path + "' must not be empty");
        }
        int max = spec.maxLength() != null ? spec.maxLength() : MAX_STRING;
        if (s.length() > max) {
            throw error(op, path, "param '" + path + "' is " + s.length() + " characters long; the most allowed is "
                    + max);
        }
        if (!spec.enumValues().isEmpty() && !spec.enumValues().contains(s)) {
            throw error(op, path, "param '" + path + "' must be one of " + String.join(", ", spec.enumValues())
                    + ", got " + quote(s) + Suggestions.didYouMean(s, spec.enumValues()));
        }
        checkFormat(op, path, spec, s);
        return NODES.textNode(s);
    }

    private void checkFormat(OperationSpec op, String path, ParamSpec spec, String s) {
        if (spec.format() == null) {
            return;
        }
        switch (spec.format()) {
            case "date" -> {
                try {
                    LocalDate.parse(s);
                } catch (DateTimeParseException e) {
                    throw error(op, path, "param '" + path + "' must be a date like 2026-03-31, got " + quote(s));
                }
            }
            case "date-time" -> {
                if (!"now".equals(s)) {
                    try {
                        OffsetDateTime.parse(s);
                    } catch (DateTimeParseException e) {
                        throw error(op, path, "param '" + path + "' must be an ISO 8601 date-time like "
                                + "2026-03-31T14:00:00Z, got " + quote(s));
                    }
                }
            }
            case "gid" -> {
                if (!GID.matcher(s).matches()) {
                    throw error(op, path, "param '" + path + "' must be a numeric gid such as 1204567890123456, got "
                            + quote(s) + "; look the gid up with a list or search action first");
                }
            }
            case "user" -> {
                if (!GID.matcher(s).matches() && !"me".equals(s) && !EMAIL.matcher(s).matches()) {
                    throw error(op, path, "param '" + path + "' must be a user gid, 'me' or an email address, got "
                            + quote(s));
                }
            }
            default -> {
                // other formats are descriptive only
            }
        }
    }

    private JsonNode checkNumber(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        BigDecimal n;
        if (value.isNumber()) {
            n = value.decimalValue();
        } else if (value.isTextual() && spec.type() == ParamType.INTEGER && INTEGER.matcher(value.asText().trim()).matches()) {
            n = new BigDecimal(value.asText().trim());
        } else if (value.isTextual() && spec.type() == ParamType.NUMBER) {
            try {
                n = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw typeError(op, path, spec, value);
            }
        } else {
            throw typeError(op, path, spec, value);
        }
        if (spec.type() == ParamType.INTEGER && n.stripTrailingZeros().scale() > 0) {
            throw typeError(op, path, spec, value);
        }
        if ((spec.minimum() != null && n.compareTo(spec.minimum()) < 0)
                || (spec.maximum() != null && n.compareTo(spec.maximum()) > 0)) {
            throw typeError(op, path, spec, value);
        }
        return spec.type() == ParamType.INTEGER ? NODES.numberNode(n.longValueExact()) : NODES.numberNode(n);
    }

    private JsonNode checkBoolean(OperationSpec op, String path, JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual() && ("true".equalsIgnoreCase(value.asText()) || "false".equalsIgnoreCase(value.asText()))) {
            return NODES.booleanNode(Boolean.parseBoolean(value.asText()));
        }
        throw error(op, path, "param '" + path + "' must be true or false, got " + describe(value));
    }

    private JsonNode checkArray(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        List<JsonNode> elements = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(elements::add);
        } else if (value.isTextual() && spec.location() == ParamLocation.QUERY) {
            for (String part : value.asText().split(",")) {
                if (!part.isBlank()) {
                    elements.add(NODES.textNode(part.strip()));
                }
            }
        } else if (value.isValueNode() && spec.location() == ParamLocation.BODY) {
            elements.add(value); // a single value where a list is expected: treat it as a list of one
        } else {
            throw typeError(op, path, spec, value);
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < elements.size(); i++) {
            out.add(check(op, path + "[" + i + "]", spec.items(), elements.get(i)));
        }
        return out;
    }

    private JsonNode checkObject(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        if (!value.isObject()) {
            throw typeError(op, path, spec, value);
        }
        if (spec.properties().isEmpty()) {
            return value; // free-form object
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path + "." + e.getKey();
            ParamSpec p = spec.properties().get(e.getKey());
            if (p == null) {
                throw error(op, child, "unknown field '" + child + "'"
                        + Suggestions.didYouMean(e.getKey(), spec.properties().keySet()) + "; '" + path
                        + "' accepts: " + String.join(", ", spec.properties().keySet()));
            }
            out.set(e.getKey(), check(op, child, p, e.getValue()));
        }
        for (ParamSpec p : spec.properties().values()) {
            if (p.required() && !out.has(p.name())) {
                throw error(op, path + "." + p.name(), "missing required field '" + path + "." + p.name() + "' ("
                        + p.typeLabel() + ": " + p.description() + ")");
            }
        }
        return out;
    }

    private void checkOneOf(OperationSpec op, ObjectNode params) {
        if (op.requiresOneOf().isEmpty()) {
            return;
        }
        for (List<String> group : op.requiresOneOf()) {
            if (group.stream().allMatch(name -> given(params, name))) {
                return;
            }
        }
        String options = op.requiresOneOf().stream().map(g -> String.join(" + ", g))
                .collect(Collectors.joining(" | "));
        throw error(op, op.requiresOneOf().get(0).get(0), "give one of: " + options);
    }

    /** A param, or a {@code param.property} of an object param, is present and not null. */
    private static boolean given(ObjectNode params, String name) {
        if (params.has(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && params.path(name.substring(0, dot)).hasNonNull(name.substring(dot + 1));
    }

    private ValidationException typeError(OperationSpec op, String path, ParamSpec spec, JsonNode value) {
        String expected = switch (spec.type()) {
            case INTEGER -> "an integer" + bounds(spec);
            case NUMBER -> "a number" + bounds(spec);
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case ARRAY -> "an array of " + spec.items().type().label() + "s"
                    + (spec.location() == ParamLocation.QUERY ? " (or a comma-separated string)" : "");
            case OBJECT -> "an object" + (spec.properties().isEmpty() ? ""
                    : " with fields " + String.join(", ", spec.properties().keySet()));
        };
        return error(op, path, "param '" + path + "' must be " + expected + ", got " + describe(value));
    }

    private static String bounds(ParamSpec spec) {
        if (spec.minimum() != null && spec.maximum() != null) {
            return " from " + spec.minimum().toPlainString() + " to " + spec.maximum().toPlainString();
        }
        if (spec.minimum() != null) {
            return " of at least " + spec.minimum().toPlainString();
        }
        return spec.maximum() != null ? " of at most " + spec.maximum().toPlainString() : "";
    }

    private static String acceptedList(OperationSpec op) {
        return op.params().values().stream()
                .map(p -> p.required() ? p.name() + " (required)" : p.name())
                .collect(Collectors.joining(", "));
    }

    private static ValidationException error(OperationSpec op, String param, String detail) {
        return new ValidationException(op.entity(), op.action(), param, detail);
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.asText());
        }
        String text = value.toString();
        return kind(value) + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case STRING -> "the string";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }
}
