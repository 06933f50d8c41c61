package dev.agentconnector.integrations.langchain4j;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the connector's JSON Schemas (plain maps, as {@code ToolSchemas} builds them) into LangChain4j's schema
 * elements, which every LangChain4j model integration knows how to send. The elements carry type, enum, properties,
 * required, items, additionalProperties and description; keywords they have no place for (bounds, pattern, format,
 * examples) are dropped, and the connector still checks them on every call.
 */
final class JsonSchemaElements {
    private JsonSchemaElements() {
    }

    /** The root schema of a tool's parameters, which must be an object. */
    static JsonObjectSchema objectSchema(Map<String, Object> schema) {
        if (!(element(schema) instanceof JsonObjectSchema object)) {
            throw new IllegalArgumentException("a tool's parameters must be an object schema, got " + schema);
        }
        return object;
    }

    /** One schema element; a list of types (e.g. {@code ["string", "null"]}) becomes an {@code anyOf}. */
    static JsonSchemaElement element(Map<String, Object> schema) {
        String description = (String) schema.get("description");
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            List<JsonSchemaElement> branches = new ArrayList<>();
            for (Object t : types) {
                Map<String, Object> branch = new LinkedHashMap<>(schema);
                branch.put("type", t);
                branch.remove("description");
                branches.add(element(branch));
            }
            return JsonAnyOfSchema.builder().description(description).anyOf(branches).build();
        }
        if (type == null) {
            // only an untyped schema allows anything; a string is the least wrong single type to offer
            return JsonStringSchema.builder().description(description).build();
        }
        return switch (type.toString()) {
            case "string" -> schema.get("enum") instanceof List<?> values
                    ? JsonEnumSchema.builder().description(description).enumValues(strings(values)).build()
                    : JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            case "array" -> array(schema, description);
            case "object" -> object(schema, description);
            default -> throw new IllegalArgumentException("unknown JSON Schema type '" + type + "' in " + schema);
        };
    }

    private static JsonArraySchema array(Map<String, Object> schema, String description) {
        JsonArraySchema.Builder b = JsonArraySchema.builder().description(description);
        if (schema.get("items") instanceof Map<?, ?> items) {
            b.items(element(typed(items)));
        }
        return b.build();
    }

    private static JsonObjectSchema object(Map<String, Object> schema, String description) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) ->
                    b.addProperty(name.toString(), element(typed((Map<?, ?>) property))));
        }
        if (schema.get("required") instanceof List<?> required) {
            b.required(strings(required));
        }
        if (schema.get("additionalProperties") instanceof Boolean additional) {
            b.additionalProperties(additional);
        }
        return b.build();
    }

    /** The string values of an enum; a JSON null in it belongs to the null branch of the type list. */
    private static List<String> strings(List<?> values) {
        return values.stream().filter(Objects::nonNull).map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
