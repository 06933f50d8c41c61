package dev.agentconnector.server.connectors;

import dev.agentconnector.server.http.ApiError;

import java.util.Locale;

/** The one connector type this service runs, by name and by definition id. */
public final class AsanaDefinition {
    /** Connector type name. */
    public static final String CONNECTOR_TYPE = "Asana";
    /** Connector definition id (the reference platform's id for Asana). */
    public static final String DEFINITION_ID = "d0243522-dccf-4978-8ba0-37ed47a0bdbf";

    private AsanaDefinition() {
    }

    /**
     * Checks that {@code connectorType} (case-insensitive) and/or {@code definitionId} name Asana; at least one is
     * required.
     */
    public static void require(String connectorType, String definitionId) {
        if (connectorType == null && definitionId == null) {
            throw ApiError.invalid("'connector_type' (\"" + CONNECTOR_TYPE + "\") or 'definition_id' (\""
                    + DEFINITION_ID + "\") is required");
        }
        if (connectorType != null && !isAsana(connectorType)) {
            throw ApiError.invalid("unknown connector_type '" + clip(connectorType) + "'; this service runs \""
                    + CONNECTOR_TYPE + "\"");
        }
        if (definitionId != null && !DEFINITION_ID.equalsIgnoreCase(definitionId.strip())) {
            throw ApiError.invalid("unknown definition_id '" + clip(definitionId) + "'; this service runs \""
                    + DEFINITION_ID + "\" (" + CONNECTOR_TYPE + ")");
        }
    }

    /** True for {@code "Asana"} in any case. */
    public static boolean isAsana(String connectorType) {
        return connectorType.strip().toLowerCase(Locale.ROOT).equals("asana");
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
