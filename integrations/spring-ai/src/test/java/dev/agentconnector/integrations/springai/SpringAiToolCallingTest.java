package dev.agentconnector.integrations.springai;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls driven through Spring AI's own loop: the {@code ChatClient} sends the tool's definition to a scripted
 * model, its tool-calling advisor runs the call the model asks for, and the response goes back to the model.
 */
class SpringAiToolCallingTest {
    private static SimulatedAsana simulated;
    private static AsanaSimulator sim;
    private static AsanaConnector asana;

    @BeforeAll
    static void start() {
        simulated = SimulatedAsana.start();
        sim = simulated.sim();
        asana = simulated.connector();
    }

    @AfterAll
    static void stop() {
        simulated.close();
    }

    private static String getTask(String gid) {
        return "{\"entity\": \"tasks\", \"action\": \"get\", \"params\": {\"task_gid\": \"" + gid + "\"}}";
    }

    private static ToolResponseMessage.ToolResponse toolResponse(ScriptedChatModel model) {
        List<Message> messages = model.prompts().get(1).getInstructions();
        return ((ToolResponseMessage) messages.get(messages.size() - 1)).getResponses().get(0);
    }

    private static ToolDefinition offered(ScriptedChatModel model) {
        List<ToolCallback> callbacks = ((ToolCallingChatOptions) model.prompts().get(0).getOptions())
                .getToolCallbacks();
        assertThat(callbacks).hasSize(1);
        return callbacks.get(0).getToolDefinition();
    }

    @Test
    void theModelCallsTheToolAndAnswersFromItsResult() {
        String gid = sim.fixtures().taskGid();
        String name = asana.executeOrThrow("tasks", "get", Map.of("task_gid", gid)).get("name").asText();
        ScriptedChatModel model = new ScriptedChatModel(getTask(gid));
        long before = sim.stats().requests("GET", "/tasks/" + gid);

        String answer = ChatClientExample.ask(model, asana, "What is task " + gid + " called?");

        assertThat(answer).isEqualTo("The task is called " + name + ".");
        assertThat(sim.stats().requests("GET", "/tasks/" + gid)).as("the call reached Asana").isEqualTo(before + 1);
        assertThat(model.prompts()).hasSize(2);
        ToolDefinition definition = offered(model);
        assertThat(definition.name()).isEqualTo("asana_execute");
        assertThat(definition.description()).isEqualTo(asana.toolDescription());
        assertThat(definition.inputSchema()).contains("\"required\":[\"entity\",\"action\"]");
        ToolResponseMessage.ToolResponse response = toolResponse(model);
        assertThat(response.name()).isEqualTo("asana_execute");
        assertThat(response.id()).isEqualTo("call-1");
        assertThat(response.responseData()).startsWith("{\"success\":true").contains("\"gid\":\"" + gid + "\"");
    }

    @Test
    void aMisspeltEntityReachesTheModelAsAnErrorItCanActOn() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"task\", \"action\": \"list\"}");
        long before = sim.stats().apiRequests();

        String answer = ChatClientExample.ask(model, asana, "List my tasks");

        assertThat(toolResponse(model).responseData()).contains("\"success\":false").contains("did you mean 'tasks'");
        assertThat(answer).startsWith("Asana said: ").contains("did you mean 'tasks'");
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void argumentsThatAreNotJsonComeBackAsATextNamingTheProblem() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": get}");

        ChatClientExample.ask(model, asana, "Get a task");

        assertThat(toolResponse(model).responseData()).contains("not valid JSON").contains("send one object such as");
    }

    @Test
    void theReadOnlyToolOffersNoWritesAndRefusesThem() {
        String create = "{\"entity\": \"tasks\", \"action\": \"create\", \"params\": {\"name\": \"x\", "
                + "\"workspace\": \"" + sim.workspaceGid() + "\"}}";
        ScriptedChatModel model = new ScriptedChatModel(create);
        long before = sim.stats().apiRequests();

        String answer = ChatClientExample.askReadOnly(model, asana, "Create a task");

        assertThat(offered(model).inputSchema()).contains("\"get\"").doesNotContain("\"create\"");
        assertThat(answer).contains("tasks.create: refused in read-only mode");
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void theToolContextPlaysNoPart() {
        AsanaToolCallback callback = AsanaToolCallback.of(asana);
        String input = getTask(sim.fixtures().taskGid());
        assertThat(callback.call(input, new org.springframework.ai.chat.model.ToolContext(Map.of("user", "u1"))))
                .startsWith("{\"success\":true");
        assertThat(callback.getToolMetadata().returnDirect()).isFalse();
    }
}
