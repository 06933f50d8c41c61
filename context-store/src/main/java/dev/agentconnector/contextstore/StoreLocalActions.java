package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.LocalActions;

/**
 * {@code context_store_search} and {@code context_store_aggregate} answered by a store, for a local connector:
 * {@code ConnectorOptions.builder().localActions(new StoreLocalActions(store, "local"))}.
 */
public final class StoreLocalActions implements LocalActions {
    private final ContextStore store;
    private final String scope;

    public StoreLocalActions(ContextStore store, String scope) {
        this.store = store;
        this.scope = scope;
    }

    @Override
    public boolean handles(String entity, String action) {
        return StoreActions.handles(action);
    }

    @Override
    public ExecutionResult run(String entity, String action, JsonNode params) {
        ObjectNode envelope = StoreActions.run(store, scope, entity, action,
                params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        if (envelope.path("success").asBoolean()) {
            return ExecutionResult.success(envelope.get("data"), (ObjectNode) envelope.get("meta"));
        }
        String message = envelope.path("error").asText();
        String prefix = entity + "." + action + ": ";
        return ExecutionResult.failure(new ValidationException(entity, action, null,
                message.startsWith(prefix) ? message.substring(prefix.length()) : message));
    }
}
