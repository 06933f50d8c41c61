package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;

import java.util.List;

/**
 * {@code context_store_search} and {@code context_store_aggregate} answered by a store, for a local connector:
 * {@code ConnectorOptions.builder().localActions(new StoreLocalActions(store, "local"))}. They describe themselves
 * ({@link StoreActionDescriptions}), so the connector's tool description and schemas offer them.
 */
public final class StoreLocalActions implements LocalActions {
    /** Runs one store action, e.g. on the execution service's store for one connector. */
    @FunctionalInterface
    public interface Runner {
        ExecutionResult run(String entity, String action, JsonNode params);
    }

    private static final List<LocalAction> ACTIONS = StoreActionDescriptions.actions();

    private final Runner runner;
    private final boolean service;

    /** The actions over {@code store}'s records of {@code scope} ({@code "local"} for what asana-agent sync wrote). */
    public StoreLocalActions(ContextStore store, String scope) {
        this((entity, action, params) -> StoreActions.run(store, scope, entity, action, params));
    }

    /** The actions answered by {@code runner}, described as the store's. */
    public StoreLocalActions(Runner runner) {
        this(runner, false);
    }

    private StoreLocalActions(Runner runner, boolean service) {
        if (runner == null) {
            throw new IllegalArgumentException("a store (or a runner of its actions) is required");
        }
        this.runner = runner;
        this.service = service;
    }

    /**
     * The actions as the connector execution service answers them from the connector's synced records, for a hosted
     * connector: {@code ConnectorOptions.builder().localActions(StoreLocalActions.onTheService())} makes its tool
     * description offer them and its {@code execute} forward them to the service.
     */
    public static StoreLocalActions onTheService() {
        return new StoreLocalActions((entity, action, params) -> {
            throw new IllegalStateException(entity + "." + action + " is answered by the execution service");
        }, true);
    }

    @Override
    public boolean answeredByService() {
        return service;
    }

    @Override
    public boolean handles(String entity, String action) {
        return StoreActions.handles(action);
    }

    @Override
    public ExecutionResult run(String entity, String action, JsonNode params) {
        return runner.run(entity, action, params);
    }

    @Override
    public List<LocalAction> actions() {
        return ACTIONS;
    }

    @Override
    public String guide() {
        return StoreActionDescriptions.guide();
    }
}
