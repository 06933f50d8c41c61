package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.agentconnector.asana.openapi.OpenApiFacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates simulator answers against Asana's official OpenAPI document (its committed structural facts,
 * {@link OpenApiFacts}) with the networknt JSON-schema validator (OpenAPI 3.0 dialect), plus a strict check that no
 * property outside the schema is returned.
 *
 * <p>OpenAPI 3.0's {@code nullable: true}, including Asana's {@code allOf: [{$ref}, {nullable: true}]} pattern, is
 * rewritten to {@code anyOf: [{type: null}, schema]} before validation, which is what it means.
 */
final class OpenApiContract {
    private static final String IRI = "https://spec.asana-sim.test/asana-openapi.json";
    private static volatile OpenApiContract instance;

    private final JsonNode raw;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, String> responseKeys = new LinkedHashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode raw) {
        this.raw = raw;
        ObjectNode normalized = (ObjectNode) normalize(raw.deepCopy());
        ObjectNode schemas = (ObjectNode) normalized.path("components").path("schemas");
        // Expose each response schema as a named component so it can be addressed with a simple fragment.
        Iterator<Map.Entry<String, JsonNode>> paths = normalized.path("paths").properties().iterator();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().properties().iterator();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                Iterator<Map.Entry<String, JsonNode>> responses =
                        m.getValue().path("responses").properties().iterator();
                while (responses.hasNext()) {
                    Map.Entry<String, JsonNode> r = responses.next();
                    JsonNode response = r.getValue();
                    if (response.has("$ref")) {
                        response = pointer(normalized, response.get("$ref").asText());
                    }
                    JsonNode schema = response.path("content").path("application/json").path("schema");
                    if (!schema.isMissingNode()) {
                        String key = "__response_" + responseKeys.size();
                        schemas.set(key, schema);
                        responseKeys.put(m.getKey().toUpperCase() + " " + p.getKey() + " " + r.getKey(), key);
                    }
                }
            }
        }
        String text;
        try {
            text = new ObjectMapper().writeValueAsString(normalized);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
                .metaSchema(OpenApi30.getInstance())
                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                .schemaLoaders(l -> l.schemas(Map.of(IRI, text))));
        this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    /** The shared instance (the facts are parsed and compiled once per test JVM). */
    static OpenApiContract get() {
        OpenApiContract c = instance;
        if (c == null) {
            synchronized (OpenApiContract.class) {
                c = instance;
                if (c == null) {
                    c = new OpenApiContract(OpenApiFacts.openApi());
                    instance = c;
                }
            }
        }
        return c;
    }

    /** Rewrites OpenAPI 3.0 nullability into plain JSON Schema, bottom-up. */
    private static JsonNode normalize(JsonNode node) {
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, normalize(a.get(i)));
            }
            return a;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode o = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            o.set(n, normalize(o.get(n)));
        }
        boolean nullable = o.path("nullable").isBoolean() && o.get("nullable").booleanValue();
        if (nullable) {
            o.remove("nullable");
        }
        JsonNode allOf = o.get("allOf");
        if (allOf != null && allOf.isArray()) {
            for (JsonNode part : allOf) {
                if (part.isObject() && part.path("nullable").isBoolean() && part.get("nullable").booleanValue()) {
                    ((ObjectNode) part).remove("nullable");
                    ((ObjectNode) part).remove("type");
                    nullable = true;
                }
                // A nullable branch that was already wrapped below counts as well.
                if (part.isObject() && part.has("anyOf") && part.size() == 1 && isNullBranch(part.get("anyOf"))) {
                    nullable = true;
                }
            }
        }
        if (!nullable) {
            return o;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        ArrayNode anyOf = wrapper.putArray("anyOf");
        anyOf.addObject().put("type", "null");
        anyOf.add(o);
        return wrapper;
    }

    private static boolean isNullBranch(JsonNode anyOf) {
        return anyOf.isArray() && anyOf.size() == 2 && "null".equals(anyOf.get(0).path("type").asText());
    }

    private static JsonNode pointer(JsonNode root, String ref) {
        return root.at(ref.substring(1));
    }

    /** Asserts that a body matches the documented schema of an operation's response with the given status. */
    void assertResponse(String method, String pathTemplate, int status, JsonNode body) {
        String key = responseKeys.get(method.toUpperCase() + " " + pathTemplate + " " + status);
        assertThat(key).as("OpenAPI documents %s %s -> %d", method, pathTemplate, status).isNotNull();
        validate("#/components/schemas/" + key, body, method + " " + pathTemplate + " " + status);
        JsonNode schema = raw.at("/paths/" + escape(pathTemplate) + "/" + method.toLowerCase() + "/responses/"
                + status);
        if (schema.has("$ref")) {
            schema = pointer(raw, schema.get("$ref").asText());
        }
        assertNoUndeclared(schema.path("content").path("application/json").path("schema"), body, "$");
    }

    /** Asserts that a node matches a component schema such as {@code ErrorResponse}. */
    void assertComponent(String name, JsonNode node) {
        validate("#/components/schemas/" + name, node, name);
        assertNoUndeclared(raw.path("components").path("schemas").path(name), node, "$");
    }

    private void validate(String fragment, JsonNode body, String what) {
        JsonSchema schema = compiled.computeIfAbsent(fragment,
                f -> factory.getSchema(SchemaLocation.of(IRI + f), config));
        Set<ValidationMessage> errors = schema.validate(body);
        assertThat(errors).as("%s: schema violations in %s", what, body).isEmpty();
    }

    /** Every object property in the body must be declared by the (merged) schema at that position. */
    private void assertNoUndeclared(JsonNode schema, JsonNode body, String where) {
        if (schema == null || schema.isMissingNode() || body == null || body.isNull()) {
            return;
        }
        Map<String, JsonNode> props = new LinkedHashMap<>();
        List<JsonNode> items = new ArrayList<>();
        collect(schema, props, items, new HashSet<>());
        if (body.isObject()) {
            if (props.isEmpty()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(props).as("property %s.%s is declared by the schema", where, f.getKey())
                        .containsKey(f.getKey());
                assertNoUndeclared(props.get(f.getKey()), f.getValue(), where + "." + f.getKey());
            }
        } else if (body.isArray() && !items.isEmpty()) {
            for (int i = 0; i < body.size(); i++) {
                for (JsonNode item : items) {
                    assertNoUndeclared(item, body.get(i), where + "[" + i + "]");
                }
            }
        }
    }

    private void collect(JsonNode schema, Map<String, JsonNode> props, List<JsonNode> items, Set<String> seen) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (seen.add(ref)) {
                collect(pointer(raw, ref), props, items, seen);
            }
            return;
        }
        schema.path("properties").properties().forEach(e -> props.putIfAbsent(e.getKey(), e.getValue()));
        if (schema.has("items")) {
            items.add(schema.get("items"));
        }
        for (String combiner : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode part : schema.path(combiner)) {
                collect(part, props, items, seen);
            }
        }
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    /** Parses JSON text (helper for callers that hold raw bodies). */
    static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
