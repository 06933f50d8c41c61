package dev.agentconnector.server.store;

import java.time.Instant;

/**
 * A stored connector. {@code sealedCredentials} is the encrypted credential JSON.
 *
 * @param version    incremented on every change of the stored credentials (and on every edit)
 * @param rateLimits the connector's own client-side limits ({@link ConnectorRateLimits#DEFAULTS} for none)
 */
public record ConnectorRow(String id, String organizationId, String workspaceId, String workspaceName, String name,
                           String connectorType, String definitionId, String authType, String sealedCredentials,
                           Instant createdAt, Instant updatedAt, long version, ConnectorRateLimits rateLimits) {
    @Override
    public String toString() {
        return "ConnectorRow[id=" + id + ", workspace=" + workspaceName + ", name=" + name + ", authType=" + authType
                + ", version=" + version + ", rateLimits=" + rateLimits + ", credentials=****]";
    }
}
