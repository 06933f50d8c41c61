package dev.agentconnector.runtime.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
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

    /** Two actions answered without the API: a read on items and box_items, a write on items. */
    static final LocalActions LOCAL = new LocalActions() {
        @Override
        public boolean handles(String entity, String action) {
            return action.startsWith("local_");
        }

        @Override
        public ExecutionResult run(String entity, String action, JsonNode params) {
            throw new AssertionError("not run here");
        }

        @Override
        public List<LocalAction> actions() {
            Map<String, Object> find = new LinkedHashMap<>();
            find.put("type", "object");
            find.put("properties", Map.of(
                    "query", Map.of("type", "object", "description", "What to find"),
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", 1000, "description", "Up to 1000")));
            find.put("required", List.of("query"));
            Map<String, Object> mark = Map.of("type", "object", "properties", Map.of(
                    "limit", Map.of("type", "string", "description", "A label")));
            return List.of(new LocalAction("items", "local_find", "Find items offline", find, true),
                    new LocalAction("box_items", "local_find", "Find items offline", find, true),
                    new LocalAction("items", "local_mark", "Mark items offline", mark, false),
                    new LocalAction("nowhere", "local_find", "Not an entity of the spec", find, true));
        }

        @Override
        public String guide() {
            return "Local guide: query is {filter}.";
        }
    };

    @Test
    void localActionsJoinTheEnumsAndTheFlatParams() {
        assertThat(at(ToolSchemas.execute(SPEC, false, LOCAL), "properties", "action", "enum"))
                .isEqualTo(List.of("list", "create", "get", "update", "delete", "local_find", "local_mark"));
        assertThat(at(ToolSchemas.execute(SPEC, true, LOCAL), "properties", "action", "enum"))
                .isEqualTo(List.of("list", "get", "local_find"));
        assertThat(ToolSchemas.execute(SPEC, false, LocalActions.NONE)).isEqualTo(ToolSchemas.execute(SPEC, false));

        Map<String, Object> items = ToolSchemas.entity(SPEC, "items", false, LOCAL);
        assertThat(at(items, "properties", "action", "enum"))
                .isEqualTo(List.of("list", "create", "get", "update", "delete", "local_find", "local_mark"));
        assertThat(at(items, "required")).isEqualTo(List.of("action")); // local_mark needs no params
        Map<String, Object> params = map(at(items, "properties", "params"));
        assertThat((String) at(params, "properties", "query", "description")).isEqualTo("[local_find] What to find");
        // limit: spec 1..100 integer, local_find 1..1000 integer, local_mark a string: types joined, bounds widened
        Map<String, Object> limit = map(at(params, "properties", "limit"));
        assertThat(limit.get("type")).isEqualTo(List.of("integer", "string"));
        assertThat(limit).doesNotContainKeys("minimum", "maximum"); // the string has neither
        assertThat((String) limit.get("description")).startsWith("[list] ").contains("; [local_find] Up to 1000; ")
                .endsWith("; [local_mark] A label");
        assertThat((String) params.get("description")).contains("local_find: query;").endsWith("local_mark: none.");

        Map<String, Object> readOnly = ToolSchemas.entity(SPEC, "items", true, LOCAL);
        assertThat(at(readOnly, "properties", "action", "enum")).isEqualTo(List.of("list", "get", "local_find"));
        assertThat(at(readOnly, "properties", "params", "properties", "limit", "maximum").toString())
                .isEqualTo("1000");
        assertThat(at(readOnly, "properties", "params", "properties", "limit", "minimum").toString())
                .isEqualTo("1");
        // an entity with no other action left gets the local one's exact params
        assertThat(ToolSchemas.entity(SPEC, "item_labels", false, LOCAL))
                .isEqualTo(ToolSchemas.entity(SPEC, "item_labels", false));
        assertThat(ToolSchemas.entity(SPEC, "items", false, LocalActions.NONE))
                .isEqualTo(ToolSchemas.entity(SPEC, "items", false));
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
