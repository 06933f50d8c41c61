package dev.agentconnector.integrations.springai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat model that plays a tool-calling model without a network: asked a question, it calls {@code asana_execute}
 * with the scripted arguments; shown the tool's response, it answers from it (the task's name, the names of a list,
 * or the error). Its options are tool-calling options, as a real model's are, so the chat client's tool loop takes
 * part.
 */
final class ScriptedChatModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String arguments;
    private final List<Prompt> prompts = new CopyOnWriteArrayList<>();

    ScriptedChatModel(String arguments) {
        this.arguments = arguments;
    }

    /** Every prompt the model was sent, in order. */
    List<Prompt> prompts() {
        return prompts;
    }

    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        prompts.add(prompt);
        List<Message> messages = prompt.getInstructions();
        if (messages.get(messages.size() - 1) instanceof ToolResponseMessage response) {
            String text = answer(response.getResponses().get(0).responseData());
            return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
        }
        AssistantMessage.ToolCall call = new AssistantMessage.ToolCall("call-" + prompts.size(), "function",
                "asana_execute", arguments);
        return new ChatResponse(List.of(new Generation(AssistantMessage.builder().toolCalls(List.of(call)).build())));
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
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
