package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks that the contract validator really rejects what the OpenAPI document forbids. */
class OpenApiContractSelfTest {
    private static final String GOOD = "{\"gid\":\"1\",\"resource_type\":\"task\",\"name\":\"x\",\"completed\":false,"
            + "\"assignee\":null,\"due_on\":null,\"parent\":null,\"created_at\":\"2025-01-01T00:00:00.000Z\"}";

    private static void accepts(String schema, String json) {
        assertThatCode(() -> OpenApiContract.get().assertComponent(schema, OpenApiContract.parse(json)))
                .doesNotThrowAnyException();
    }

    private static void rejects(String schema, String json) {
        assertThatThrownBy(() -> OpenApiContract.get().assertComponent(schema, OpenApiContract.parse(json)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void acceptsNullableReferencesAndValues() {
        accepts("TaskResponse", GOOD);
        accepts("ProjectResponse", "{\"gid\":\"1\",\"color\":null,\"owner\":null,\"current_status\":null}");
    }

    @Test
    void rejectsWrongTypesFormatsEnumsAndNulls() {
        rejects("TaskResponse", GOOD.replace("\"completed\":false", "\"completed\":\"no\""));
        rejects("TaskResponse", GOOD.replace("\"assignee\":null", "\"assignee\":5"));
        rejects("TaskResponse", GOOD.replace("\"due_on\":null", "\"due_on\":\"tomorrow\""));
        rejects("TaskResponse", GOOD.replace("2025-01-01T00:00:00.000Z", "yesterday"));
        rejects("TaskResponse", GOOD.replace("\"name\":\"x\"", "\"name\":null"));
        rejects("TaskResponse", GOOD.replace("\"name\":\"x\"", "\"resource_subtype\":\"epic\""));
        rejects("TagResponse", "{\"gid\":\"1\",\"color\":\"plaid\"}");
        rejects("TaskResponse", GOOD.replace("\"assignee\":null", "\"assignee\":{\"gid\":7}"));
    }

    @Test
    void rejectsUndeclaredProperties() {
        rejects("TaskResponse", GOOD.replace("\"name\":\"x\"", "\"name\":\"x\",\"colour\":\"red\""));
        rejects("ErrorResponse", "{\"errors\":[{\"message\":\"m\",\"code\":1}]}");
    }

    @Test
    void validatesOperationResponses() {
        OpenApiContract c = OpenApiContract.get();
        assertThatCode(() -> c.assertResponse("GET", "/tasks", 200,
                OpenApiContract.parse("{\"data\":[],\"next_page\":null}"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> c.assertResponse("GET", "/tasks", 200,
                OpenApiContract.parse("{\"data\":{},\"next_page\":null}"))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> c.assertResponse("GET", "/tasks", 200,
                OpenApiContract.parse("{\"data\":[],\"next_page\":{\"offset\":1}}")))
                .isInstanceOf(AssertionError.class);
    }
}
