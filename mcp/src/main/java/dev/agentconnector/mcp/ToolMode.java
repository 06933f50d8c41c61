package dev.agentconnector.mcp;

import java.util.Locale;

/** How the connector is offered as MCP tools. */
public enum ToolMode {
    /** One tool, {@code asana_execute(entity, action, params)}, whose description lists everything. */
    SINGLE,
    /** One tool per entity, {@code asana_<entity>(action, params)}, each with a precise input schema. */
    PER_ENTITY;

    /** Parses {@code single} or {@code per-entity} (case and {@code -}/{@code _} do not matter). */
    public static ToolMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "single" -> SINGLE;
            case "per-entity" -> PER_ENTITY;
            default -> throw new IllegalArgumentException("tool mode must be single or per-entity, got '" + text + "'");
        };
    }

    /** The name used on the command line. */
    public String label() {
        return this == SINGLE ? "single" : "per-entity";
    }
}
