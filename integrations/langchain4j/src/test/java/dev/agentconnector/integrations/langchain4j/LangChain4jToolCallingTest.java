package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.integrations.testsupport.SimulatedAsana;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls driven through LangChain4j's own loop: {@code AiServices} offers the tool to a scripted model, runs the
 * call the model asks for, and hands the result back to it.
 */
class LangChain4jToolCallingTest {
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

    private static ToolExecutionResultMessage toolResult(ScriptedChatModel model) {
        List<ChatMessage> messages = model.requests().get(1).messages();
        return (ToolExecutionResultMessage) messages.get(messages.size() - 1);
    }

    @Test
    void theModelCallsTheToolAndAnswersFromItsResult() {
        String gid = sim.fixtures().taskGid();
        String name = asana.executeOrThrow("tasks", "get", Map.of("task_gid", gid)).get("name").asText();
        ScriptedChatModel model = new ScriptedChatModel(getTask(gid));
        long before = sim.stats().requests("GET", "/tasks/" + gid);

        String answer = AssistantExample.assistant(model, asana).chat("What is task " + gid + " called?");

        assertThat(answer).isEqualTo("The task is called " + name + ".");
        assertThat(sim.stats().requests("GET", "/tasks/" + gid)).as("the call reached Asana").isEqualTo(before + 1);
        assertThat(model.requests()).hasSize(2);
        ToolSpecification offered = model.requests().get(0).toolSpecifications().get(0);
        assertThat(offered.name()).isEqualTo("asana_execute");
        assertThat(offered.description()).isEqualTo(asana.toolDescription());
        assertThat(offered.parameters().required()).containsExactly("entity", "action");
        ToolExecutionResultMessage result = toolResult(model);
        assertThat(result.toolName()).isEqualTo("asana_execute");
        assertThat(result.text()).startsWith("{\"success\":true").contains("\"gid\":\"" + gid + "\"");
        assertThat(result.isError()).isFalse();
    }

    @Test
    void aMisspeltEntityReachesTheModelAsAnErrorItCanActOn() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"task\", \"action\": \"list\"}");
        long before = sim.stats().apiRequests();

        String answer = AssistantExample.assistant(model, asana).chat("List my tasks");

        ToolExecutionResultMessage result = toolResult(model);
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("\"success\":false").contains("did you mean 'tasks'");
        assertThat(answer).startsWith("Asana said: ").contains("did you mean 'tasks'");
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }

    @Test
    void argumentsThatAreNotJsonComeBackAsATextNamingTheProblem() {
        ScriptedChatModel model = new ScriptedChatModel("{\"entity\": \"tasks\", \"action\": get}");

        AssistantExample.assistant(model, asana).chat("Get a task");

        ToolExecutionResultMessage result = toolResult(model);
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("not valid JSON").contains("send one object such as");
    }

    @Test
    void theReadOnlyToolOffersNoWritesAndRefusesThem() {
        String create = "{\"entity\": \"tasks\", \"action\": \"create\", \"params\": {\"name\": \"x\", "
                + "\"workspace\": \"" + sim.workspaceGid() + "\"}}";
        ScriptedChatModel model = new ScriptedChatModel(create);
        long before = sim.stats().apiRequests();

        String answer = AssistantExample.readOnlyAssistant(model, asana).chat("Create a task");

        ChatRequest first = model.requests().get(0);
        assertThat(first.toolSpecifications().get(0).toJson()).contains("\"get\"").doesNotContain("\"create\"");
        assertThat(toolResult(model).isError()).isTrue();
        assertThat(answer).contains("tasks.create: refused in read-only mode");
        assertThat(sim.stats().apiRequests()).as("nothing reached Asana").isEqualTo(before);
    }
}
