package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.runtime.error.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one {@code execute} tool call, read leniently where models are known to stray (params sent as a
 * string holding JSON, params left out) and strictly elsewhere, with messages that show the expected shape.
 *
 * @param entity the entity named, or null when the call named none
 * @param action the action named, or null
 * @param params the params, empty when none were sent
 */
record ToolArguments(String entity, String action, Map<String, Object> params) {
    private static final Set<String> KEYS = Set.of("entity", "action", "params");
    static final String EXAMPLE = "{\"entity\": \"tasks\", \"action\": \"get\", \"params\": {\"task_gid\": \"123\"}}";

    /** Reads the arguments JSON a framework hands over; blank means no arguments. */
    static ToolArguments parse(String json, ObjectMapper mapper) {
        if (json == null || json.isBlank()) {
            return of(Map.of(), mapper);
        }
        Object value;
        try {
            value = mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException(null, null, null, "the tool arguments are not valid JSON ("
                    + e.getOriginalMessage() + "); send one object such as " + EXAMPLE);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValidationException(null, null, null, "the tool arguments must be a JSON object such as "
                    + EXAMPLE + ", got " + abbreviate(json.strip()));
        }
        return of(map, mapper);
    }

    /** Reads arguments already parsed into a map (as some frameworks hand them over). */
    static ToolArguments of(Map<?, ?> arguments, ObjectMapper mapper) {
        String entity = text(arguments.get("entity"));
        String action = text(arguments.get("action"));
        List<String> unknown = new ArrayList<>();
        for (Object key : arguments.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                unknown.add(abbreviate(String.valueOf(key)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationException(entity, action, null, "unknown tool argument" + (unknown.size() > 1 ? "s "
                    : " ") + String.join(", ", unknown) + ": the tool takes entity, action and params; an action's "
                    + "params go inside params, e.g. " + EXAMPLE);
        }
        return new ToolArguments(entity, action, params(entity, action, arguments.get("params"), mapper));
    }

    /** The params as a map: a JSON object, a string holding one, or nothing. */
    private static Map<String, Object> params(String entity, String action, Object params, ObjectMapper mapper) {
        Object value = params;
        if (value instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            try {
                value = mapper.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                throw new ValidationException(entity, action, "params", "params must be a JSON object, got a "
                        + "string that is not JSON: " + abbreviate(s));
            }
        }
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValidationException(entity, action, "params", "params must be a JSON object such as "
                    + "{\"limit\": 10}, got " + abbreviate(String.valueOf(value)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static String text(Object o) {
        return o == null ? null : o instanceof JsonNode n ? n.asText() : o.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
}
