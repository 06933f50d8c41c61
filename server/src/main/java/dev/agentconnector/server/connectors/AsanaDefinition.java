package dev.agentconnector.server.connectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.http.ApiError;

import java.util.List;
import java.util.Locale;

/** The one connector type this service runs, by name and by definition id. */
public final class AsanaDefinition {
    /** Connector type name. */
    public static final String CONNECTOR_TYPE = "Asana";
    /** Connector definition id (the reference platform's id for Asana). */
    public static final String DEFINITION_ID = "d0243522-dccf-4978-8ba0-37ed47a0bdbf";

    /**
     * Fields of the platform's create and OAuth-initiate requests that configure its own data pipelines; accepted
     * so that its clients work unchanged, and ignored here.
     */
    public static final List<String> IGNORED_PLATFORM_FIELDS = List.of("replication_config",
            "source_template_id", "environment", "entities", "selected_connection_template_tags",
            "selected_connection_template_tags_mode");
    /** The platform's field naming a server-side OAuth secret, which this service replaces with its consent flow. */
    public static final String SERVER_SIDE_OAUTH_SECRET = "server_side_oauth_secret_id";

    private AsanaDefinition() {
    }

    /** 400 when a request names a server-side OAuth secret: this service stores credentials from its consent flow. */
    public static void refuseServerSideOAuthSecret(ObjectNode body) {
        if (body.has(SERVER_SIDE_OAUTH_SECRET)) {
            throw ApiError.invalid("'" + SERVER_SIDE_OAUTH_SECRET + "' is not supported: this service runs its own "
                    + "OAuth consent flow; start it with POST /api/v1/integrations/connectors/oauth/initiate, or send "
                    + "'credentials' with a refresh token").field(SERVER_SIDE_OAUTH_SECRET);
        }
    }

    /** The connector's template as the platform summarizes it: name and definition id. */
    public static ObjectNode summarizedSourceTemplate() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", CONNECTOR_TYPE);
        o.put("definition_id", DEFINITION_ID);
        o.put("connector_type", CONNECTOR_TYPE);
        return o;
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
