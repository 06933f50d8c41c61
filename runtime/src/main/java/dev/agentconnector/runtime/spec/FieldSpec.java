package dev.agentconnector.runtime.spec;

/**
 * One field of a record schema: what an operation returns.
 *
 * @param name        field name as the API returns it
 * @param type        JSON type
 * @param schema      for objects (or arrays of objects), the name of the record schema of the value, or null
 * @param itemType    for arrays of scalars, the element type, or null
 * @param nullable    whether the API may return null
 * @param format      a format hint such as {@code date-time}, or null
 * @param description one line for people and models
 */
public record FieldSpec(String name, ParamType type, String schema, ParamType itemType, boolean nullable,
                        String format, String description) {
}
