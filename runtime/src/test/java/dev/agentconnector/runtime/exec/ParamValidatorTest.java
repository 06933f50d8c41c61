package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.TestSpecs;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamValidatorTest {
    private final ConnectorSpec spec = TestSpecs.demo();
    private final OperationSpec list = spec.operation("items", "list");
    private final OperationSpec create = spec.operation("items", "create");
    private final ParamValidator validator = new ParamValidator(new ObjectMapper());

    private ValidationException fail(OperationSpec op, Map<String, ?> params) {
        try {
            validator.validate(op, params);
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("expected a validation error for " + params);
    }

    @Test
    void limitOutOfRangeOrNotANumberNamesParamAndBounds() {
        assertThat(fail(list, Map.of("box", "1", "limit", "abc")).getMessage())
                .isEqualTo("items.list: param 'limit' must be an integer from 1 to 100, got \"abc\"");
        assertThat(fail(list, Map.of("box", "1", "limit", 0)).getMessage())
                .contains("must be an integer from 1 to 100, got the number 0");
        assertThat(fail(list, Map.of("box", "1", "limit", 101)).param()).isEqualTo("limit");
        assertThat(fail(list, Map.of("box", "1", "limit", 2.5)).getMessage()).contains("integer");
    }

    @Test
    void numericAndBooleanStringsAreNormalized() {
        ObjectNode out = validator.validate(list, Map.of("box", 123, "limit", "5", "archived", "true"));
        assertThat(out.get("limit").isInt() || out.get("limit").isLong()).isTrue();
        assertThat(out.get("limit").asInt()).isEqualTo(5);
        assertThat(out.get("archived").asBoolean()).isTrue();
        assertThat(out.get("box").asText()).isEqualTo("123");
    }

    @Test
    void unknownParamSuggestsAndListsAccepted() {
        ValidationException e = fail(list, Map.of("box", "1", "limt", 5));
        assertThat(e.getMessage()).contains("unknown param 'limt' (did you mean 'limit'?)")
                .contains("items.list accepts: box, shelf, owner");
        assertThat(e.param()).isEqualTo("limt");
    }

    @Test
    void requiresOneOfGroup() {
        assertThat(fail(list, Map.of("shelf", "1")).getMessage())
                .isEqualTo("items.list: give one of: box | shelf + owner");
        validator.validate(list, Map.of("shelf", "1", "owner", "me"));
        validator.validate(list, Map.of("shelf", "1", "owner", "a@b.example"));
    }

    @Test
    void formatsAreChecked() {
        assertThat(fail(list, Map.of("box", "Fix login bug")).getMessage())
                .contains("param 'box' must be a numeric gid").contains("\"Fix login bug\"");
        assertThat(fail(list, Map.of("shelf", "1", "owner", "bob")).getMessage())
                .contains("must be a user gid, 'me' or an email address");
        assertThat(fail(list, Map.of("box", "1", "since", "yesterday")).getMessage()).contains("ISO 8601");
        validator.validate(list, Map.of("box", "1", "since", "2026-01-02T03:04:05Z"));
    }

    @Test
    void nestedBodyFieldsAreChecked() {
        assertThat(fail(create, Map.of("box_gid", "1", "data", Map.of("color", "red"))).getMessage())
                .contains("missing required field 'data.name'");
        assertThat(fail(create, Map.of("box_gid", "1", "data", Map.of("name", "x", "nmae", "y"))).getMessage())
                .contains("unknown field 'data.nmae' (did you mean 'name'?)");
        assertThat(fail(create, Map.of("box_gid", "1", "data", Map.of("name", "x", "color", "blue"))).getMessage())
                .contains("param 'data.color' must be one of red, green, got \"blue\"");
        assertThat(fail(create, Map.of("box_gid", "1", "data", Map.of("name", "x", "due_on", "31/12/2026"))).getMessage())
                .contains("must be a date like");
        assertThat(fail(create, Map.of("box_gid", "1", "data", Map.of("name", "x", "weight", -1))).getMessage())
                .contains("data.weight' must be a number of at least 0");
        assertThat(fail(create, Map.of("box_gid", "1", "data", "name=x")).getMessage())
                .contains("param 'data' must be an object with fields name, color");
        assertThat(fail(create, Map.of("box_gid", "1")).getMessage()).contains("missing required param 'data'");
    }

    @Test
    void nullClearsNullableFieldsOnly() {
        Map<String, Object> data = new HashMap<>();
        data.put("name", "x");
        data.put("color", null);
        ObjectNode out = validator.validate(create, Map.of("box_gid", "1", "data", data));
        assertThat(out.get("data").get("color").isNull()).isTrue();
        data.put("name", null);
        assertThat(fail(create, Map.of("box_gid", "1", "data", data)).getMessage()).contains("'data.name' cannot be null");
        Map<String, Object> params = new HashMap<>();
        params.put("box", "1");
        params.put("archived", null);
        assertThat(validator.validate(list, params).has("archived")).isFalse();
    }

    @Test
    void emptyPathParamRejected() {
        assertThat(fail(create, Map.of("box_gid", " ", "data", Map.of("name", "x"))).getMessage()).contains("box_gid");
    }

    @Test
    void arraysAcceptListsAndCommaStrings() {
        ObjectNode out = validator.validate(list, Map.of("box", "1", "fields", "name, notes"));
        assertThat(out.get("fields")).hasSize(2);
        out = validator.validate(create, Map.of("box_gid", "1", "data", Map.of("name", "x", "tags", List.of("1", "2"))));
        assertThat(out.get("data").get("tags")).hasSize(2);
    }

    @Test
    void hostileStringsAreQuotedSafely() {
        ValidationException e = fail(list, Map.of("box", "1\u0000\n<script>"));
        assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\n").contains("\\u0000");
    }

    @Test
    void paramsMustBeAnObject() {
        assertThatThrownBy(() -> validator.validate(list, List.of(1, 2)))
                .hasMessageContaining("params must be a JSON object");
    }

    @Test
    void requiresOneOfReachesIntoObjectParams() {
        ConnectorSpec s = TestSpecs.parse("""
                connector: x
                version: "1"
                base_url: http://h/api
                entities:
                  notes:
                    description: n
                    actions:
                      create:
                        description: d
                        method: POST
                        path: /notes
                        requires_one_of: [[data.text], [data.html]]
                        params:
                          data:
                            in: body
                            type: object
                            required: true
                            description: body
                            properties:
                              text: {type: string, description: t}
                              html: {type: string, description: h}
                """);
        OperationSpec op = s.operation("notes", "create");
        assertThat(fail(op, Map.of("data", Map.of())).getMessage()).contains("give one of: data.text | data.html");
        validator.validate(op, Map.of("data", Map.of("html", "<body>x</body>")));
    }
}
