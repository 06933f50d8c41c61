package dev.agentconnector.integrations.springai;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import dev.agentconnector.integrations.testsupport.StoredTasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.definition.ToolDefinition;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connector with a context store offers context_store_search and context_store_aggregate through Spring AI's own
 * tool loop: the definition's description teaches them, its schema's action enum holds them, and the calls are
 * answered from the store without a request to Asana.
 */
class SpringAiContextStoreTest {
    private static SimulatedAsana simulated;
    private static StoredTasks stored;
    private static AsanaConnector asana;

    @BeforeAll
    static void start() {
        simulated = SimulatedAsana.start();
        stored = StoredTasks.start(simulated.sim());
        asana = stored.connector();
    }

    @AfterAll
    static void stop() {
        stored.close();
        simulated.close();
    }

    private static ToolResponseMessage.ToolResponse toolResponse(ScriptedChatModel model) {
        List<Message> messages = model.prompts().get(1).getInstructions();
        return ((ToolResponseMessage) messages.get(messages.size() - 1)).getResponses().get(0);
    }

    private static ToolDefinition offered(ScriptedChatModel model) {
        return ((ToolCallingChatOptions) model.prompts().get(0).getOptions()).getToolCallbacks().get(0)
                .getToolDefinition();
    }

    @Test
    void theModelSearchesTheStore() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": "
                + "\"context_store_search\", \"params\": {\"query\": {\"filter\": {\"eq\": {\"completed\": false}, "
                + "\"lt\": {\"due_on\": \"2026-01-05\"}}, \"sort\": [{\"due_on\": \"asc\"}]}, \"fields\": [\"name\"]}}");
        long before = simulated.sim().stats().apiRequests();

        String answer = ChatClientExample.ask(model, asana, "What is overdue?");

        assertThat(answer).isEqualTo("Found 3: Launch plan, Launch review, Write release notes.");
        ToolDefinition definition = offered(model);
        assertThat(definition.description()).isEqualTo(asana.toolDescription()).contains(" context_store_search: ")
                .contains("tasks context_store_aggregate {").contains("meta.synced_at");
        assertThat(definition.inputSchema()).contains("\"context_store_search\"").contains("\"context_store_aggregate\"");
        assertThat(toolResponse(model).responseData()).startsWith("{\"success\":true").contains("\"synced_at\"");
        assertThat(simulated.sim().stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void theReadOnlyToolsAggregateTheStore() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": "
                + "\"context_store_aggregate\", \"params\": {\"filter\": {\"eq\": {\"completed\": false}}, "
                + "\"group_by\": [\"assignee.name\"], \"sort\": [{\"count\": \"desc\"}]}}");

        ChatClientExample.askReadOnly(model, asana, "Who has the most open tasks?");

        assertThat(offered(model).inputSchema()).contains("\"context_store_aggregate\"").doesNotContain("\"create\"");
        assertThat(toolResponse(model).responseData()).contains("{\"assignee.name\":\"Ada\",\"count\":3}")
                .contains("{\"assignee.name\":\"Grace\",\"count\":2}");
    }
}
