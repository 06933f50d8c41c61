package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Actions a local executor answers itself instead of calling the API, such as searching a synced copy of the data
 * (the context store). Checked before the spec: an action it handles needs no operation in the spec. They describe
 * themselves ({@link #actions()}, {@link #guide()}), so that tool descriptions and schemas offer them beside the
 * spec's actions.
 */
public interface LocalActions {
    /** No local actions: every call goes to the API. */
    LocalActions NONE = new LocalActions() {
        @Override
        public boolean handles(String entity, String action) {
            return false;
        }

        @Override
        public ExecutionResult run(String entity, String action, JsonNode params) {
            throw new IllegalStateException("no local actions: " + entity + "." + action + " is not one");
        }

        @Override
        public List<LocalAction> actions() {
            return List.of();
        }

        @Override
        public String toString() {
            return "LocalActions.NONE";
        }
    };

    /** Whether {@code entity.action} is one of these. */
    boolean handles(String entity, String action);

    /** Runs one; failures come back in the result, as the API's do. */
    ExecutionResult run(String entity, String action, JsonNode params);

    /**
     * Each action offered, one per entity and action name, in the order tools should list them; the entities are
     * the spec's. Empty when none is offered to tools.
     */
    List<LocalAction> actions();

    /**
     * How to use these actions, for the connector's tool description after the list of actions: params, grammar,
     * an example or two, and when to prefer them to the API's actions. Plain text of a few lines; empty when the
     * one-line descriptions say enough.
     */
    default String guide() {
        return "";
    }

    /**
     * True when these actions are answered by the connector execution service rather than in this process: a hosted
     * connector forwards them to the service as they are (the service checks them); a local one refuses them, since
     * no service is there to answer.
     */
    default boolean answeredByService() {
        return false;
    }
}
