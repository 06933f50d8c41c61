package dev.agentconnector.runtime.exec;

import java.util.Map;

/** Runs one operation by name; local executors call the API, hosted ones call an execution service. */
public interface Executor extends AutoCloseable {
    /** Runs {@code entity.action} with {@code params}; never throws for validation or API errors. */
    ExecutionResult execute(String entity, String action, Map<String, ?> params);

    @Override
    default void close() {
    }
}
