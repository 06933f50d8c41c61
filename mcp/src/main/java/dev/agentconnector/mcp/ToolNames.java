package dev.agentconnector.mcp;

import java.util.List;
import java.util.Set;

/** The names of the tools a server offers, for the transports to refuse a call of any other by name. */
final class ToolNames {
    private final List<String> names;
    private final Set<String> known;

    ToolNames(List<String> names) {
        this.names = List.copyOf(names);
        this.known = Set.copyOf(names);
    }

    /** Why a call of {@code name} cannot be served, or null when the tool is offered. */
    String problem(String name) {
        if (known.contains(name)) {
            return null;
        }
        String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        shown = shown.replaceAll("\\p{Cntrl}", "?");
        return "unknown tool '" + shown + "': this server offers " + String.join(", ", names)
                + " (tools/list describes them)";
    }
}
