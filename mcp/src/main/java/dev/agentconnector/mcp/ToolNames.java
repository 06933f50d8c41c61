package dev.agentconnector.mcp;

import java.util.List;
import java.util.Set;

/** The names of the tools a server offers, for the transports to refuse a call of any other by name. */
record ToolNames(List<String> names) {
    ToolNames {
        names = List.copyOf(names);
    }

    /** Why a call of {@code name} cannot be served, or null when the tool is offered. */
    String problem(String name) {
        if (Set.copyOf(names).contains(name)) {
            return null;
        }
        String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        shown = shown.replaceAll("\\p{Cntrl}", "?");
        return "unknown tool '" + shown + "': this server offers " + String.join(", ", names)
                + " (tools/list describes them)";
    }
}
