package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Runs one operation by name; local executors call the API, hosted ones call an execution service. */
public interface Executor extends AutoCloseable {
    /** Runs {@code entity.action} with {@code params}; never throws for validation or API errors. */
    ExecutionResult execute(String entity, String action, Map<String, ?> params);

    /**
     * Runs {@code entity.action} with params given as a JSON object (null or a missing node = none), as they arrive
     * from a wire; the tree is validated as it is, without a detour through a {@code Map}.
     */
    ExecutionResult execute(String entity, String action, JsonNode params);

    /**
     * The actions this executor answers itself instead of calling the API ({@link LocalActions#NONE} when none), so
     * that tool descriptions and schemas can offer them.
     */
    default LocalActions localActions() {
        return LocalActions.NONE;
    }

    @Override
    default void close() {
    }
}
