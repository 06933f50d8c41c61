package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.integrations.common.AsanaTool;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.tool.ToolSchemas;
import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolProviderResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AsanaLangChain4jToolsTest {
    /** A connector that is never called: the spec and schema need no Asana. */
    private static AsanaConnector offline() {
        return new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig("unused"),
                ConnectorOptions.builder().baseUrl("http://127.0.0.1:9/api/1.0").build());
    }

    @Test
    void theSpecificationCarriesTheSchemaOfTheSpec() {
        try (AsanaConnector asana = offline()) {
            ToolSpecification spec = AsanaLangChain4jTools.of(asana).toolSpecification();
            JsonObjectSchema parameters = spec.parameters();
            assertThat(parameters.required()).containsExactly("entity", "action");
            JsonEnumSchema entity = (JsonEnumSchema) parameters.properties().get("entity");
            assertThat(entity.enumValues()).containsAll(AsanaSpec.get().entities().keySet());
            JsonEnumSchema action = (JsonEnumSchema) parameters.properties().get("action");
            assertThat(action.enumValues()).contains("list", "get", "create", "update", "delete");
            JsonObjectSchema params = (JsonObjectSchema) parameters.properties().get("params");
            assertThat(params.additionalProperties()).isTrue();
            assertThat(params.description()).isNotBlank();
        }
    }

    @Test
    void theMapAndTheProviderOfferTheSamePair() {
        try (AsanaConnector asana = offline()) {
            AsanaLangChain4jTools tools = AsanaLangChain4jTools.of(asana);
            assertThat(tools.toolMap()).containsOnlyKeys(tools.toolSpecification());
            ToolProviderResult provided = tools.toolProvider().provideTools(null);
            assertThat(provided.aiServiceTools()).containsExactly(tools.aiServiceTool());
            assertThat(tools.aiServiceTool().toolSpecification()).isSameAs(tools.toolSpecification());
            assertThat(tools.aiServiceTool().toolExecutor()).isSameAs(tools.toolExecutor());
            assertThat(tools.aiServiceTool().returnBehavior()).isEqualTo(ReturnBehavior.TO_LLM);
        }
    }

    @Test
    void theExecutorFlagsFailuresAndTheLegacyMethodReturnsTheSameText() {
        try (AsanaConnector asana = offline()) {
            AsanaToolExecutor executor = AsanaLangChain4jTools.of(AsanaTool.builder(asana).readOnly(true).build())
                    .toolExecutor();
            ToolExecutionRequest request = ToolExecutionRequest.builder().id("1").name("asana_execute")
                    .arguments("{\"entity\": \"tasks\", \"action\": \"delete\", \"params\": {\"task_gid\": \"1\"}}")
                    .build();
            ToolExecutionResult result = executor.executeWithContext(request, null);
            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).contains("refused in read-only mode");
            assertThat(executor.execute(request, "memory-1")).isEqualTo(result.resultText());
        }
    }

    @Test
    void nullableAndNestedSchemasConvert() {
        // the per-entity schemas use every construct the converter knows: type lists, null in enums, nested objects
        for (String entity : AsanaSpec.get().entities().keySet()) {
            Map<String, Object> schema = ToolSchemas.entity(AsanaSpec.get(), entity, false);
            assertThat(JsonSchemaElements.objectSchema(schema).properties()).containsKeys("action", "params");
        }
        JsonSchemaElement nullableEnum = JsonSchemaElements.element(Map.of(
                "type", List.of("string", "null"), "enum", Arrays.asList("a", "b", null),
                "description", "d"));
        JsonAnyOfSchema anyOf = (JsonAnyOfSchema) nullableEnum;
        assertThat(anyOf.description()).isEqualTo("d");
        assertThat(((JsonEnumSchema) anyOf.anyOf().get(0)).enumValues()).containsExactly("a", "b");
        assertThat(anyOf.anyOf().get(1)).isInstanceOf(JsonNullSchema.class);
    }
}
