package dev.agentconnector.asana.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.agentconnector.asana.openapi.FactsExtractor;
import dev.agentconnector.asana.openapi.OpenApiFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asana's published OpenAPI document, as its committed structural facts ({@link OpenApiFacts}), with the look-ups
 * the conformance tests need: operations, their parameters, request bodies and component schemas, with {@code $ref}
 * and {@code allOf} resolved.
 */
final class OpenApiDocument {
    private static final OpenApiDocument DOCUMENT = new OpenApiDocument(OpenApiFacts.openApi());

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The document, shared by all tests of the JVM. */
    static OpenApiDocument get() {
        return DOCUMENT;
    }

    JsonNode root() {
        return root;
    }

    /** The operation object for an HTTP method and path template, if the document has it. */
    Optional<JsonNode> operation(String method, String path) {
        JsonNode op = root.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        return op.isObject() ? Optional.of(op) : Optional.empty();
    }

    /** Parameters of an operation (path-level ones first, operation-level ones override), resolved, by name. */
    Map<String, JsonNode> parameters(String method, String path) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JsonNode pathItem = root.path("paths").path(path);
        for (JsonNode p : pathItem.path("parameters")) {
            JsonNode resolved = resolve(p);
            byName.put(resolved.path("name").asText(), resolved);
        }
        for (JsonNode p : pathItem.path(method.toLowerCase(Locale.ROOT)).path("parameters")) {
            JsonNode resolved = resolve(p);
            byName.put(resolved.path("name").asText(), resolved);
        }
        return byName;
    }

    /** The back-quoted names the operation's description mentions (Asana documents a few parameters only there). */
    Set<String> mentions(String method, String path) {
        Set<String> out = new LinkedHashSet<>();
        operation(method, path).ifPresent(op -> op.path(FactsExtractor.MENTIONS).forEach(n -> out.add(n.asText())));
        return out;
    }

    /** The resolved JSON request body schema of an operation, or a missing node. */
    JsonNode requestBodySchema(String method, String path) {
        JsonNode body = resolve(operation(method, path).map(op -> op.path("requestBody"))
                .orElse(MissingNode.getInstance()));
        return resolve(body.path("content").path("application/json").path("schema"));
    }

    /** A schema of {@code components/schemas}, or a missing node. */
    JsonNode schema(String name) {
        return resolve(root.path("components").path("schemas").path(name));
    }

    /** Follows {@code $ref} (local references only) until a node without one is reached. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 32 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
            }
        }
        return current;
    }

    /** Properties of a schema, merged over {@code allOf} members, each value resolved. */
    Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode s = resolve(schema);
        for (JsonNode part : s.path("allOf")) {
            out.putAll(properties(part));
        }
        s.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), resolve(e.getValue())));
        return out;
    }

    /** Names listed as required by a schema or any of its {@code allOf} members. */
    Set<String> required(JsonNode schema) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode s = resolve(schema);
        for (JsonNode part : s.path("allOf")) {
            out.addAll(required(part));
        }
        s.path("required").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The JSON type of a schema, looking into {@code allOf}; {@code object} when only properties say so. */
    Optional<String> type(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.hasNonNull("type")) {
            return Optional.of(s.get("type").asText());
        }
        for (JsonNode part : s.path("allOf")) {
            Optional<String> t = type(part);
            if (t.isPresent()) {
                return t;
            }
        }
        return s.has("properties") ? Optional.of("object") : Optional.empty();
    }

    /** The format of a schema, looking into {@code allOf}. */
    Optional<String> format(JsonNode schema) {
        return flag(schema, "format").map(JsonNode::asText);
    }

    /** Whether a schema or any {@code allOf} member says {@code nullable: true}. */
    boolean nullable(JsonNode schema) {
        return flag(schema, "nullable").map(JsonNode::asBoolean).orElse(false);
    }

    /** Whether a schema or any {@code allOf} member says {@code readOnly: true}. */
    boolean readOnly(JsonNode schema) {
        return flag(schema, "readOnly").map(JsonNode::asBoolean).orElse(false);
    }

    /** The non-null enum values of a schema (merged over {@code allOf}); empty when it has no enum. */
    List<String> enumValues(JsonNode schema) {
        List<String> out = new ArrayList<>();
        JsonNode s = resolve(schema);
        for (JsonNode part : s.path("allOf")) {
            out.addAll(enumValues(part));
        }
        for (JsonNode v : s.path("enum")) {
            if (!v.isNull()) {
                out.add(v.asText());
            }
        }
        return out;
    }

    /** The element schema of an array schema, resolved, or a missing node. */
    JsonNode items(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("items")) {
            return resolve(s.get("items"));
        }
        for (JsonNode part : s.path("allOf")) {
            JsonNode items = items(part);
            if (!items.isMissingNode()) {
                return items;
            }
        }
        return MissingNode.getInstance();
    }

    /** The allowed {@code opt_fields} values of an operation; empty when it has no opt_fields or no enum. */
    Optional<Set<String>> optFieldsEnum(String method, String path) {
        JsonNode p = parameters(method, path).get("opt_fields");
        if (p == null) {
            return Optional.empty();
        }
        List<String> values = enumValues(items(p.path("schema")));
        return values.isEmpty() ? Optional.empty() : Optional.of(new LinkedHashSet<>(values));
    }

    private Optional<JsonNode> flag(JsonNode schema, String key) {
        JsonNode s = resolve(schema);
        if (s.has(key)) {
            return Optional.of(s.get(key));
        }
        for (JsonNode part : s.path("allOf")) {
            Optional<JsonNode> v = flag(part, key);
            if (v.isPresent() && (!v.get().isBoolean() || v.get().asBoolean())) {
                return v;
            }
        }
        return Optional.empty();
    }
}
