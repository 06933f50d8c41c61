package dev.agentconnector.runtime.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action that {@link LocalActions} answer, as tool descriptions and schemas present it.
 *
 * @param entity      the entity it acts on, named as in the spec
 * @param action      its name, e.g. {@code context_store_search}
 * @param description one line: what it does and when to choose it
 * @param params      the JSON Schema of its params object, as plain maps ({@code type}, {@code properties},
 *                    {@code required}, …)
 * @param readOnly    whether it only reads: read-only tools offer it, and tools never refuse it as a write
 */
public record LocalAction(String entity, String action, String description, Map<String, Object> params,
                          boolean readOnly) {
    public LocalAction {
        if (entity == null || entity.isBlank() || action == null || action.isBlank()) {
            throw new IllegalArgumentException("a local action needs an entity and an action name, got '" + entity
                    + "." + action + "'");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(entity + "." + action + ": a local action needs a one-line "
                    + "description");
        }
        if (params == null || !"object".equals(params.get("type"))) {
            throw new IllegalArgumentException(entity + "." + action + ": params must be a JSON Schema of an "
                    + "object ({\"type\": \"object\", \"properties\": {…}})");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
