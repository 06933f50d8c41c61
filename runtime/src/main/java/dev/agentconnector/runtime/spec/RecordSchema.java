package dev.agentconnector.runtime.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named record shape, such as {@code Task} or {@code UserCompact}.
 *
 * @param name        schema name
 * @param description one line
 * @param fields      fields in declaration order
 */
public record RecordSchema(String name, String description, Map<String, FieldSpec> fields) {
    public RecordSchema {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
