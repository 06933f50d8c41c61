package dev.agentconnector.runtime.spec;

import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.Suggestions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole connector: its API endpoints, entities, actions and record schemas. Immutable; load once with
 * {@link SpecLoader}.
 *
 * @param name            connector name, e.g. {@code asana}
 * @param version         spec version
 * @param baseUrl         default API base URL
 * @param tokenUrl        default OAuth token endpoint, or null
 * @param fieldsParam     the API's name for the field-selection query parameter, or null
 * @param recordsField    the response field that holds records, e.g. {@code data}
 * @param nextPageField   the response field that holds the next-page object, or null
 * @param entities        entities in declaration order
 * @param schemas         record schemas by name
 * @param title           display name of the API, e.g. {@code Asana}
 */
public record ConnectorSpec(
        String name,
        String version,
        String baseUrl,
        String tokenUrl,
        String fieldsParam,
        String recordsField,
        String nextPageField,
        Map<String, EntitySpec> entities,
        Map<String, RecordSchema> schemas,
        String title) {

    public ConnectorSpec {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
    }

    /**
     * The operation for an entity and action.
     *
     * @throws ValidationException naming the valid entities or actions when either is unknown
     */
    public OperationSpec operation(String entity, String action) {
        if (entity == null || entity.isBlank()) {
            throw new ValidationException(null, null, "entity",
                    "entity is required; one of: " + String.join(", ", entities.keySet()));
        }
        EntitySpec e = entities.get(entity);
        if (e == null) {
            throw new ValidationException(entity, action, "entity",
                    "unknown entity '" + entity + "'" + Suggestions.didYouMean(entity, entities.keySet())
                            + "; valid entities: " + String.join(", ", entities.keySet()));
        }
        if (action == null || action.isBlank()) {
            throw new ValidationException(entity, null, "action",
                    "action is required; " + entity + " supports: " + String.join(", ", e.actions().keySet()));
        }
        OperationSpec op = e.actions().get(action);
        if (op == null) {
            throw new ValidationException(entity, action, "action",
                    "entity '" + entity + "' has no action '" + action + "'"
                            + Suggestions.didYouMean(action, e.actions().keySet())
                            + "; it supports: " + String.join(", ", e.actions().keySet()));
        }
        return op;
    }

    /** Number of operations across all entities. */
    public int operationCount() {
        return entities.values().stream().mapToInt(e -> e.actions().size()).sum();
    }
}
