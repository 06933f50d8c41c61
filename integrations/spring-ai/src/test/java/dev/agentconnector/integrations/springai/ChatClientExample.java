package dev.agentconnector.integrations.springai;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.integrations.common.AsanaTool;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.ToolCallbackProvider;

/** The Spring AI examples of docs/INTEGRATIONS.md, compiled and run by the tests; the doc quotes them verbatim. */
final class ChatClientExample {
    private ChatClientExample() {
    }

    // DOCS:begin spring-ai-chat-client
    static String ask(ChatModel chatModel, AsanaConnector asana, String question) {
        return ChatClient.create(chatModel)         // any tool-calling ChatModel
                .prompt(question)
                .tools(AsanaToolCallback.of(asana)) // asana_execute(entity, action, params)
                .call()
                .content();
    }
    // DOCS:end spring-ai-chat-client

    // DOCS:begin spring-ai-read-only
    static ToolCallbackProvider readOnlyTools(AsanaConnector asana) {
        AsanaTool tool = AsanaTool.builder(asana)
                .readOnly(true)           // no create, update or delete: not offered, and refused
                .maxResultChars(10_000)   // longer results are cut, with a note on narrowing the call
                .build();
        return ToolCallbackProvider.from(AsanaToolCallback.of(tool));
    }

    static String askReadOnly(ChatModel chatModel, AsanaConnector asana, String question) {
        return ChatClient.builder(chatModel)
                .defaultTools(readOnlyTools(asana))
                .build()
                .prompt(question)
                .call()
                .content();
    }
    // DOCS:end spring-ai-read-only
}
