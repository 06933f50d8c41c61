package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.List;

/**
 * Builds the params object from {@code --params JSON} and repeated {@code -p key=value}. A value that parses as
 * JSON (numbers, true/false, objects, arrays, quoted strings) is taken as JSON, anything else as a string; dotted
 * keys build nested objects ({@code -p data.name=Hello}).
 */
final class ParamParser {
    private final ObjectMapper mapper;
    private final java.util.Set<String> objectParams;

    /** @param objectParams names of object params whose dotted keys build nested objects (e.g. {@code data}) */
    ParamParser(ObjectMapper mapper, java.util.Set<String> objectParams) {
        this.mapper = mapper;
        this.objectParams = objectParams;
    }

    ObjectNode parse(String json, List<String> pairs) {
        ObjectNode params = mapper.createObjectNode();
        if (json != null && !json.isBlank()) {
            JsonNode node;
            try {
                node = mapper.readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("--params is not valid JSON: "
                        + e.getOriginalMessage() + "; example: --params '{\"task_gid\": \"1204567890123456\"}'");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("--params must be a JSON object, e.g. '{\"limit\": 10}'");
            }
            params.setAll((ObjectNode) node);
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-p expects key=value, got '" + pair + "'");
            }
            put(params, pair.substring(0, eq).strip(), value(pair.substring(eq + 1)));
        }
        return params;
    }

    private JsonNode value(String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return TextNode.valueOf("");
        }
        char c = v.charAt(0);
        if (c == '{' || c == '[' || c == '"' || c == '-' || Character.isDigit(c)
                || v.equals("true") || v.equals("false") || v.equals("null")) {
            try {
                JsonNode n = mapper.readTree(v);
                if (n != null) {
                    return n;
                }
            } catch (IOException notJson) {
                // fall through: a plain string
            }
        }
        return TextNode.valueOf(raw);
    }

    private void put(ObjectNode root, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        // dotted names that are params in their own right (assignee.any) are split only below an object param
        if (parts.length > 1 && !objectParams.contains(parts[0])) {
            root.set(key, value);
            return;
        }
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }
}
