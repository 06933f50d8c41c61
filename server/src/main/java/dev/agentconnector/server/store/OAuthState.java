package dev.agentconnector.server.store;

import java.time.Instant;

/** A consent flow waiting for its callback. */
public record OAuthState(String organizationId, String workspaceId, String connectorType, String name,
                         String redirectUrl, Instant expiresAt) {
}
