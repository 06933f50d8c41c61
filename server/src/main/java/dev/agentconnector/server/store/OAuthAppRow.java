package dev.agentconnector.server.store;

import java.time.Instant;

/** An organization's own OAuth app for one connector type; the secret is encrypted. */
public record OAuthAppRow(String organizationId, String connectorType, String clientId, String sealedSecret,
                          Instant updatedAt) {
    @Override
    public String toString() {
        return "OAuthAppRow[organizationId=" + organizationId + ", connectorType=" + connectorType + ", clientId="
                + clientId + ", secret=****]";
    }
}
