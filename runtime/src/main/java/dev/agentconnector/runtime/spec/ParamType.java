package dev.agentconnector.runtime.spec;

import java.util.Locale;

/** The JSON type a parameter or record field takes. */
public enum ParamType {
    STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY;

    /** Parses a spec type name such as {@code integer}; null when unknown. */
    public static ParamType parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The lower-case name used in specs and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
