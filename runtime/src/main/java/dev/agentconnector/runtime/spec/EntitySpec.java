package dev.agentconnector.runtime.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity of a connector and its actions.
 *
 * @param name        entity name, e.g. {@code tasks}
 * @param description one-line purpose
 * @param actions     actions by name, in declaration order
 */
public record EntitySpec(String name, String description, Map<String, OperationSpec> actions) {
    public EntitySpec {
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    }
}
