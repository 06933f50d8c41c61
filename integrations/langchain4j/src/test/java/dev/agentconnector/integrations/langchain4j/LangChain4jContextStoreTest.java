package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import dev.agentconnector.integrations.testsupport.StoredTasks;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connector with a context store (built as docs/INTEGRATIONS.md shows) offers context_store_search and
 * context_store_aggregate through LangChain4j's own tool loop: the description teaches them, the action enum holds
 * them, and the calls are answered from the store without a request to Asana.
 */
class LangChain4jContextStoreTest {
    private static SimulatedAsana simulated;
    private static StoredTasks stored;
    private static AsanaConnector asana;

    @BeforeAll
    static void start() {
        simulated = SimulatedAsana.start();
        stored = StoredTasks.start(simulated.sim());
        asana = AssistantExample.withContextStore(new AsanaPersonalAccessTokenAuthConfig(
                simulated.sim().personalAccessToken()), stored.dataDir());
    }

    @AfterAll
    static void stop() {
        asana.close();
        stored.close();
        simulated.close();
    }

    private static ToolExecutionResultMessage toolResult(ScriptedChatModel model) {
        List<ChatMessage> messages = model.requests().get(1).messages();
        return (ToolExecutionResultMessage) messages.get(messages.size() - 1);
    }

    @Test
    void theModelSearchesTheStore() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": "
                + "\"context_store_search\", \"params\": {\"query\": {\"filter\": {\"like\": {\"name\": \"launch\"}}, "
                + "\"sort\": [{\"due_on\": \"asc\"}]}, \"fields\": [\"name\", \"assignee.name\"]}}");
        long before = simulated.sim().stats().apiRequests();

        String answer = AssistantExample.assistant(model, asana).chat("Which tasks are about the launch?");

        assertThat(answer).isEqualTo("Found 3: Launch plan, Launch review, Launch party.");
        ToolSpecification offered = model.requests().get(0).toolSpecifications().get(0);
        assertThat(offered.description()).isEqualTo(asana.toolDescription()).contains(" context_store_search: ")
                .contains("tasks context_store_aggregate {").contains("meta.synced_at");
        assertThat(offered.toJson()).contains("\"context_store_search\"").contains("\"context_store_aggregate\"");
        ToolExecutionResultMessage result = toolResult(model);
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).startsWith("{\"success\":true").contains("\"synced_at\"");
        assertThat(simulated.sim().stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void theReadOnlyToolAggregatesTheStore() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": "
                + "\"context_store_aggregate\", \"params\": {\"filter\": {\"eq\": {\"completed\": false}, "
                + "\"lt\": {\"due_on\": \"2026-01-05\"}}, \"group_by\": [\"assignee.name\"], "
                + "\"sort\": [{\"count\": \"desc\"}]}}");

        AssistantExample.readOnlyAssistant(model, asana).chat("Who has the most overdue tasks?");

        assertThat(model.requests().get(0).toolSpecifications().get(0).toJson())
                .contains("\"context_store_aggregate\"").doesNotContain("\"create\"");
        ToolExecutionResultMessage result = toolResult(model);
        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.text()).contains("{\"assignee.name\":\"Ada\",\"count\":2}")
                .contains("{\"assignee.name\":\"Grace\",\"count\":1}");
    }
}
