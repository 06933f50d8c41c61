package dev.agentconnector.runtime.tool;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.agentconnector.runtime.tool.ToolDescriptionTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSchemasTest {
    @Test
    void executeSchemaListsEntitiesAndActions() {
        Map<String, Object> schema = ToolSchemas.execute(SPEC, false);
        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("entity", "action"));
        assertThat(at(schema, "properties", "entity", "enum")).isEqualTo(List.of("items", "box_items", "item_labels"));
        assertThat(at(schema, "properties", "action", "enum"))
                .isEqualTo(List.of("list", "create", "get", "update", "delete"));
        assertThat(at(schema, "properties", "params", "type")).isEqualTo("object");

        Map<String, Object> readOnly = ToolSchemas.execute(SPEC, true);
        assertThat(at(readOnly, "properties", "entity", "enum")).isEqualTo(List.of("items", "box_items"));
        assertThat(at(readOnly, "properties", "action", "enum")).isEqualTo(List.of("list", "get"));
    }

    @Test
    void oneActionEntityGetsItsExactParams() {
        Map<String, Object> schema = ToolSchemas.entity(SPEC, "item_labels", false);
        assertThat(at(schema, "properties", "action", "enum")).isEqualTo(List.of("create"));
        assertThat(at(schema, "properties", "params", "required")).isEqualTo(List.of("item_gid", "data"));
        // the only action may be left out; its params may not
        assertThat(at(schema, "required")).isEqualTo(List.of("params"));
        assertThat(at(schema, "additionalProperties")).isEqualTo(false);
        assertThat(at(schema, "properties", "params", "properties", "data", "required")).isEqualTo(List.of("label"));
        assertThat(at(schema, "properties", "params", "properties", "data", "properties", "label", "maxLength"))
                .isEqualTo(40);
        assertThat(at(schema, "properties", "params", "properties", "item_gid", "pattern")).isEqualTo("^[0-9]+$");
    }

    @Test
    void severalActionsShareOneFlatParamsObject() {
        Map<String, Object> schema = ToolSchemas.entity(SPEC, "items", false);
        // every action of items needs some params (list: one of its choices)
        assertThat(at(schema, "required")).isEqualTo(List.of("action", "params"));
        assertThat(at(schema, "properties", "action", "enum"))
                .isEqualTo(List.of("list", "create", "get", "update", "delete"));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) at(schema, "properties", "params");
        assertThat(params).doesNotContainKey("required");
        assertThat((String) params.get("description")).contains("create: data (name)")
                .contains("list: one of box | shelf+owner").contains("get: item_gid");
        assertThat((String) at(params, "properties", "box", "description")).startsWith("[list] ");
        assertThat(at(params, "properties", "box", "examples")).isEqualTo(List.of("1200000000000001"));
        assertThat((String) at(params, "properties", "item_gid", "description")).startsWith("[get, update, delete] ");
        // data of create and update merge: every property of either, required only where both require
        assertThat(map(at(params, "properties", "data", "properties"))).containsKeys("name", "color",
                "due_on", "weight", "tags", "sold");
        assertThat(map(at(params, "properties", "data"))).doesNotContainKey("required");
        assertThat(at(params, "properties", "limit", "maximum").toString()).isEqualTo("100");
        assertThat(at(params, "properties", "owner", "description").toString()).contains("email");

        Map<String, Object> readOnly = ToolSchemas.entity(SPEC, "items", true);
        assertThat(at(readOnly, "properties", "action", "enum")).isEqualTo(List.of("list", "get"));
        assertThat(map(at(readOnly, "properties", "params", "properties"))).doesNotContainKey("data");
        assertThatThrownBy(() -> ToolSchemas.entity(SPEC, "item_labels", true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullableParamsAcceptNullAndDatesKeepTheirFormat() {
        Map<String, Object> color = ToolSchemas.param(SPEC.operation("items", "create").param("data").properties()
                .get("color"));
        assertThat(color.get("type")).isEqualTo(List.of("string", "null"));
        assertThat(color.get("enum")).isEqualTo(Arrays.asList("dark-red", "dark-blue", "light-red", "light-blue",
                "none", null));
        Map<String, Object> due = ToolSchemas.param(SPEC.operation("items", "create").param("data").properties()
                .get("due_on"));
        assertThat(due).containsEntry("format", "date");
        Map<String, Object> tags = ToolSchemas.param(SPEC.operation("items", "create").param("data").properties()
                .get("tags"));
        assertThat(at(tags, "items", "pattern")).isEqualTo("^[0-9]+$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object cur = map;
        for (String key : path) {
            cur = ((Map<String, Object>) cur).get(key);
        }
        return cur;
    }
}
