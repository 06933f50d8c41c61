package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Actions a local executor answers itself instead of calling the API, such as searching a synced copy of the data
 * (the context store). Checked before the spec: an action it handles needs no operation in the spec.
 */
public interface LocalActions {
    /** Whether {@code entity.action} is one of these. */
    boolean handles(String entity, String action);

    /** Runs one; failures come back in the result, as the API's do. */
    ExecutionResult run(String entity, String action, JsonNode params);
}
