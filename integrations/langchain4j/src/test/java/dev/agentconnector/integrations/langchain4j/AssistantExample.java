package dev.agentconnector.integrations.langchain4j;

import dev.agentconnector.asana.AsanaAuthConfig;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.integrations.common.AsanaTool;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

import java.nio.file.Path;

/** The LangChain4j examples of docs/INTEGRATIONS.md, compiled and run by the tests; the doc quotes them verbatim. */
final class AssistantExample {
    private AssistantExample() {
    }

    // DOCS:begin langchain4j-assistant
    interface Assistant {
        String chat(String userMessage);
    }

    static Assistant assistant(ChatModel model, AsanaConnector asana) {
        // asana_execute(entity, action, params): its ToolSpecification and ToolExecutor
        AsanaLangChain4jTools tools = AsanaLangChain4jTools.of(asana);
        return AiServices.builder(Assistant.class)
                .chatModel(model)              // any tool-calling ChatModel
                .tools(tools.toolMap())
                .build();
    }
    // DOCS:end langchain4j-assistant

    // DOCS:begin langchain4j-read-only
    static Assistant readOnlyAssistant(ChatModel model, AsanaConnector asana) {
        AsanaTool tool = AsanaTool.builder(asana)
                .readOnly(true)           // no create, update or delete: not offered, and refused
                .maxResultChars(10_000)   // longer results are cut, with a note on narrowing the call
                .build();
        return AiServices.builder(Assistant.class)
                .chatModel(model)
                .toolProvider(AsanaLangChain4jTools.of(tool).toolProvider())
                .build();
    }
    // DOCS:end langchain4j-read-only

    // DOCS:begin langchain4j-context-store
    static AsanaConnector withContextStore(AsanaAuthConfig auth, Path dataDir) {
        // the records `asana-agent sync --data-dir DIR` copied from Asana: context_store_search and
        // context_store_aggregate answer from them without calling Asana, and the tool's description teaches them
        ContextStore store = StoreLocation.dataDir(dataDir, false).open();
        return new AsanaConnector(auth, ConnectorOptions.builder()
                .localActions(new StoreLocalActions(store, "local"))
                .build());
    }
    // DOCS:end langchain4j-context-store
}
