package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
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
        return StoreActions.run(store, scope, entity, action, params);
    }
}
