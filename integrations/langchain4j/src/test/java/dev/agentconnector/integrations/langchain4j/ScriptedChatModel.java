package dev.agentconnector.integrations.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat model that plays a tool-calling model without a network: asked a question, it calls {@code asana_execute}
 * with the scripted arguments; shown the tool's result, it answers from it (the task's name, the names of a list,
 * or the error).
 */
final class ScriptedChatModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String arguments;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedChatModel(String arguments) {
        this.arguments = arguments;
    }

    /** Every request the model was sent, in order. */
    List<ChatRequest> requests() {
        return requests;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (last instanceof ToolExecutionResultMessage result) {
            return ChatResponse.builder().aiMessage(AiMessage.from(answer(result.text()))).build();
        }
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("call-" + requests.size()).name("asana_execute").arguments(arguments).build();
        return ChatResponse.builder().aiMessage(AiMessage.from(call)).build();
    }

    private static String answer(String envelopeJson) {
        try {
            JsonNode envelope = JSON.readTree(envelopeJson);
            JsonNode data = envelope.path("data");
            if (envelope.path("success").asBoolean() && data.isArray()) {
                List<String> names = new ArrayList<>();
                data.forEach(record -> names.add(record.path("name").asText()));
                return "Found " + data.size() + ": " + String.join(", ", names) + ".";
            }
            return envelope.path("success").asBoolean()
                    ? "The task is called " + data.path("name").asText() + "."
                    : "Asana said: " + envelope.path("error").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
