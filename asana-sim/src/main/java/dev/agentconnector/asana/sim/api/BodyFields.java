package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed access to the fields of a write body's {@code data} object, with Asana-style 400 answers. */
final class BodyFields {
    private BodyFields() {
    }

    /** Whether the field is present (possibly null). */
    static boolean has(ObjectNode data, String field) {
        return data.has(field);
    }

    /** Whether the field is present and JSON null (or an empty form value). */
    static boolean isNull(ObjectNode data, String field) {
        JsonNode n = data.get(field);
        return n != null && (n.isNull() || (n.isTextual() && n.textValue().isEmpty()));
    }

    /** A required non-empty string field. */
    static String requiredString(ObjectNode data, String field) {
        String s = string(data, field);
        if (s == null || s.isEmpty()) {
            throw ApiException.missing(field);
        }
        return s;
    }

    /** An optional string field (null when absent or null). */
    static String string(ObjectNode data, String field) {
        JsonNode n = data.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual() || n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        throw ApiException.badRequest(field + ": Value is not a string");
    }

    /** An optional boolean field (null when absent); accepts true/false strings from form bodies. */
    static Boolean bool(ObjectNode data, String field) {
        JsonNode n = data.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.textValue().equals("true") || n.textValue().equals("false"))) {
            return Boolean.valueOf(n.textValue());
        }
        throw ApiException.badRequest(field + ": Not a boolean: " + n.asText());
    }

    /** An optional date field in YYYY-MM-DD form (null when absent or null). */
    static LocalDate date(ObjectNode data, String field) {
        String s = string(data, field);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + ": Invalid date string: " + s);
        }
    }

    /** An optional ISO-8601 date-time field (null when absent or null). */
    static Instant dateTime(ObjectNode data, String field) {
        String s = string(data, field);
        if (s == null || s.isEmpty()) {
            return null;
        }
        return parseDateTime(s, field);
    }

    /** Parses an ISO-8601 date-time with offset, or throws a 400 naming the field. */
    static Instant parseDateTime(String s, String field) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(field + ": Invalid date-time string: " + s);
            }
        }
    }

    /** A list of ids given as a JSON array or a comma-separated string (empty when absent). */
    static List<String> idList(ObjectNode data, String field) {
        JsonNode n = data.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode x : n) {
                if (x.isObject() && x.has("gid")) {
                    out.add(x.get("gid").asText());
                } else if (x.isTextual() || x.isNumber()) {
                    out.add(x.asText());
                } else {
                    throw ApiException.badRequest(field + ": Value is not an array of ids");
                }
            }
            return out;
        }
        if (n.isTextual() || n.isNumber()) {
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }
        throw ApiException.badRequest(field + ": Value is not an array of ids");
    }

    /** A value that must be one of the allowed strings (null when absent). */
    static String oneOf(ObjectNode data, String field, List<String> allowed) {
        String s = string(data, field);
        if (s != null && !allowed.contains(s)) {
            throw ApiException.badRequest(field + ": Invalid value: " + s + " (expected one of "
                    + String.join(", ", allowed) + ")");
        }
        return s;
    }
}
