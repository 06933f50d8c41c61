package dev.agentconnector.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.exec.Suggestions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Typed access to the fields of a JSON object, rejecting unknown fields (with a did-you-mean) and wrong types with
 * 400 answers that name the field. Error messages describe types, never values.
 */
public final class Fields {
    private final ObjectNode node;
    private final String prefix;

    private Fields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Wraps {@code node}, failing on any field not in {@code allowed}. */
    public static Fields of(ObjectNode node, String prefix, Collection<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.invalid("unknown field '" + prefix + name + "'"
                        + Suggestions.didYouMean(name, allowed) + "; accepted fields"
                        + (prefix.isEmpty() ? "" : " of '" + prefix.substring(0, prefix.length() - 1) + "'")
                        + ": " + String.join(", ", allowed));
            }
        }
        return new Fields(node, prefix);
    }

    /** True when the field is present and not JSON null. */
    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A string field, or null when absent or null. */
    public String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string", v);
        }
        return v.asText();
    }

    /** A required non-blank string field. */
    public String requiredString(String name) {
        String s = string(name);
        if (s == null) {
            throw ApiError.invalid("'" + prefix + name + "' is required");
        }
        if (s.isBlank()) {
            throw ApiError.invalid("'" + prefix + name + "' must not be blank");
        }
        return s;
    }

    /** A boolean field, or {@code fallback} when absent or null. */
    public boolean bool(String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean (true or false)", v);
        }
        return v.booleanValue();
    }

    /** An object field, or null when absent or null. */
    public ObjectNode object(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object", v);
        }
        return (ObjectNode) v;
    }

    /** An array-of-strings field, or null when absent or null. */
    public List<String> strings(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw ApiError.invalid("'" + prefix + name + "[" + i + "]' must be a string, got " + kind(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    private ApiError wrongType(String name, String expected, JsonNode got) {
        return ApiError.invalid("'" + prefix + name + "' must be " + expected + ", got " + kind(got));
    }

    /** "a number", "an object", … for messages. */
    public static String kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        return n.isObject() ? "an object" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
