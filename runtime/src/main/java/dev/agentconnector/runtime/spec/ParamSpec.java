package dev.agentconnector.runtime.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One parameter of an operation, or one property nested inside an object parameter.
 *
 * @param name        the name callers use
 * @param location    where it goes (nested properties inherit their parent's)
 * @param wireName    the name sent to the API (differs for {@code fields} → {@code opt_fields})
 * @param type        the JSON type
 * @param required    whether a caller must supply it
 * @param nullable    whether JSON null is accepted (to clear a value)
 * @param enumValues  allowed values, empty when unrestricted
 * @param minimum     inclusive lower bound for numbers, or null
 * @param maximum     inclusive upper bound for numbers, or null
 * @param maxLength   maximum string length, or null
 * @param format      a format hint such as {@code date} or {@code date-time}, or null
 * @param description one line for people and models
 * @param example     an example value, or null
 * @param items       the element spec of an array, or null
 * @param properties  the properties of an object, empty otherwise
 */
public record ParamSpec(
        String name,
        ParamLocation location,
        String wireName,
        ParamType type,
        boolean required,
        boolean nullable,
        List<String> enumValues,
        BigDecimal minimum,
        BigDecimal maximum,
        Integer maxLength,
        String format,
        String description,
        Object example,
        ParamSpec items,
        Map<String, ParamSpec> properties) {

    public ParamSpec {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        wireName = wireName == null ? name : wireName;
    }

    /** True when the parameter is sent to the API (not a client-side option). */
    public boolean isSent() {
        return location != ParamLocation.CLIENT;
    }

    /** A short human form of the type, e.g. {@code integer 1..100} or {@code string (date)}. */
    public String typeLabel() {
        StringBuilder sb = new StringBuilder(type.label());
        if (type == ParamType.ARRAY && items != null) {
            sb.append(" of ").append(items.type().label());
        }
        if (format != null) {
            sb.append(" (").append(format).append(')');
        }
        if (minimum != null || maximum != null) {
            sb.append(' ').append(minimum == null ? "" : minimum.toPlainString())
                    .append("..").append(maximum == null ? "" : maximum.toPlainString());
        }
        return sb.toString();
    }
}
