package dev.agentconnector.runtime.spec;

import java.util.Locale;

/** Where a parameter goes on the wire; {@link #CLIENT} parameters steer the client and are never sent. */
public enum ParamLocation {
    PATH, QUERY, BODY, HEADER, CLIENT;

    /** Parses a spec location name such as {@code query}; null when unknown. */
    public static ParamLocation parse(String name) {
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
