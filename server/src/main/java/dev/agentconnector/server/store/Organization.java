package dev.agentconnector.server.store;

import java.time.Instant;

/** A tenant: applications, workspaces and connectors belong to exactly one organization. */
public record Organization(String id, String name, Instant createdAt) {
}
