package dev.agentconnector.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.server.connectors.AsanaDefinition;
import dev.agentconnector.server.store.ConnectorRow;

/**
 * The public form of a connector: never its credentials. {@code rate_limits} holds the connector's own limits, null
 * for each one the service's default applies to.
 */
final class ConnectorJson {
    private ConnectorJson() {
    }

    static ObjectNode of(ConnectorRow r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("workspace_name", r.workspaceName());
        o.put("connector_type", r.connectorType());
        o.put("definition_id", r.definitionId());
        o.put("auth_type", r.authType());
        o.set("rate_limits", RateLimitsJson.of(r.rateLimits()));
        o.set("summarized_source_template", AsanaDefinition.summarizedSourceTemplate());
        o.put("created_at", r.createdAt().toString());
        o.put("updated_at", r.updatedAt().toString());
        return o;
    }
}
