package dev.agentconnector.asana.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces Asana's OpenAPI document, and the reference connector's operation list, to their structural facts.
 *
 * <p>The result keeps the OpenAPI layout (so the conformance tests read it as they would the document) with only
 * the keys that carry structure: paths, methods, parameter names and locations, schemas with their types, formats,
 * enums, bounds, required and nullable flags, properties, items and combinators, request and response bodies by
 * media type and status. Descriptions, summaries, examples, tags, code samples and vendor extensions are dropped.
 * The only fact taken from prose is {@value #MENTIONS}: the back-quoted names an operation's description mentions
 * (how Asana documents a few query parameters it leaves out of the parameter list).
 */
public final class FactsExtractor {
    /** Operation key listing the back-quoted identifiers of the operation's description. */
    public static final String MENTIONS = "x-mentions";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> SCHEMA_SCALARS = Set.of("$ref", "type", "format", "enum", "nullable",
            "required", "readOnly", "writeOnly", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern", "default", "deprecated");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");
    private static final Set<String> SCHEMA_ONE = Set.of("items", "not");
    private static final Pattern BACKQUOTED = Pattern.compile("`([A-Za-z_][A-Za-z0-9_.]*)`");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FactsExtractor() {
    }

    /** The structural facts of an OpenAPI 3.0 document, in its own layout. */
    public static ObjectNode openApi(JsonNode document) {
        ObjectNode out = NODES.objectNode();
        copy(document, out, "openapi");
        ObjectNode paths = out.putObject("paths");
        document.path("paths").properties().forEach(e -> paths.set(e.getKey(), pathItem(e.getValue())));
        JsonNode components = document.path("components");
        ObjectNode comps = out.putObject("components");
        mapOf(components.path("schemas"), comps, "schemas", FactsExtractor::schema);
        mapOf(components.path("parameters"), comps, "parameters", FactsExtractor::parameter);
        mapOf(components.path("responses"), comps, "responses", FactsExtractor::response);
        mapOf(components.path("requestBodies"), comps, "requestBodies", FactsExtractor::requestBody);
        return out;
    }

    /**
     * The names of the reference connector's operations: entity, action, method, path, path parameters, query
     * parameter names and body fields, without descriptions, examples or schemas.
     */
    public static ArrayNode operations(JsonNode referenceOperations) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode op : referenceOperations) {
            ObjectNode o = out.addObject();
            for (String key : new String[] {"entity", "action", "method", "path"}) {
                copy(op, o, key);
            }
            o.set("path_params", texts(op.path("path_params")));
            ArrayNode query = o.putArray("query_params");
            op.path("query_params").forEach(p -> query.add(p.path("name").asText()));
            o.set("body_required", texts(op.path("body_required")));
            o.set("body_optional", texts(op.path("body_optional")));
        }
        return out;
    }

    private static ArrayNode texts(JsonNode list) {
        ArrayNode out = NODES.arrayNode();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static ObjectNode pathItem(JsonNode item) {
        ObjectNode out = NODES.objectNode();
        copy(item, out, "$ref");
        listOf(item.path("parameters"), out, "parameters", FactsExtractor::parameter);
        item.properties().forEach(e -> {
            if (METHODS.contains(e.getKey())) {
                out.set(e.getKey(), operation(e.getValue()));
            }
        });
        return out;
    }

    private static ObjectNode operation(JsonNode op) {
        ObjectNode out = NODES.objectNode();
        copy(op, out, "operationId");
        listOf(op.path("parameters"), out, "parameters", FactsExtractor::parameter);
        if (op.has("requestBody")) {
            out.set("requestBody", requestBody(op.get("requestBody")));
        }
        mapOf(op.path("responses"), out, "responses", FactsExtractor::response);
        Set<String> mentions = new LinkedHashSet<>();
        Matcher m = BACKQUOTED.matcher(op.path("description").asText(""));
        while (m.find()) {
            mentions.add(m.group(1));
        }
        if (!mentions.isEmpty()) {
            ArrayNode list = out.putArray(MENTIONS);
            mentions.forEach(list::add);
        }
        return out;
    }

    private static ObjectNode parameter(JsonNode p) {
        ObjectNode out = NODES.objectNode();
        for (String key : new String[] {"$ref", "name", "in", "required", "style", "explode", "deprecated"}) {
            copy(p, out, key);
        }
        if (p.has("schema")) {
            out.set("schema", schema(p.get("schema")));
        }
        return out;
    }

    private static ObjectNode requestBody(JsonNode body) {
        ObjectNode out = NODES.objectNode();
        copy(body, out, "$ref");
        copy(body, out, "required");
        content(body, out);
        return out;
    }

    private static ObjectNode response(JsonNode response) {
        ObjectNode out = NODES.objectNode();
        copy(response, out, "$ref");
        content(response, out);
        return out;
    }

    private static void content(JsonNode from, ObjectNode to) {
        mapOf(from.path("content"), to, "content", media -> {
            ObjectNode m = NODES.objectNode();
            if (media.has("schema")) {
                m.set("schema", schema(media.get("schema")));
            }
            return m;
        });
    }

    /** A schema with only its structural keywords; property names are kept whatever they are called. */
    static JsonNode schema(JsonNode s) {
        if (!s.isObject()) {
            return s.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = s.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (SCHEMA_SCALARS.contains(key)) {
                out.set(key, value.deepCopy());
            } else if (SCHEMA_ONE.contains(key)) {
                out.set(key, schema(value));
            } else if (SCHEMA_LISTS.contains(key)) {
                ArrayNode parts = out.putArray(key);
                value.forEach(part -> parts.add(schema(part)));
            } else if ("properties".equals(key)) {
                ObjectNode props = out.putObject(key);
                value.properties().forEach(p -> props.set(p.getKey(), schema(p.getValue())));
            } else if ("additionalProperties".equals(key)) {
                out.set(key, value.isBoolean() ? value.deepCopy() : schema(value));
            }
        }
        return out;
    }

    private interface Reducer {
        JsonNode reduce(JsonNode node);
    }

    private static void mapOf(JsonNode from, ObjectNode to, String key, Reducer reducer) {
        if (!from.isObject()) {
            return;
        }
        ObjectNode map = to.putObject(key);
        from.properties().forEach(e -> map.set(e.getKey(), reducer.reduce(e.getValue())));
    }

    private static void listOf(JsonNode from, ObjectNode to, String key, Reducer reducer) {
        if (!from.isArray()) {
            return;
        }
        ArrayNode list = to.putArray(key);
        from.forEach(v -> list.add(reducer.reduce(v)));
    }

    private static void copy(JsonNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key).deepCopy());
        }
    }
}
