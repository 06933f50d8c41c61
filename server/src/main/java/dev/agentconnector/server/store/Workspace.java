package dev.agentconnector.server.store;

/** A named partition of an organization (one per end user, typically), created on first use. */
public record Workspace(String id, String organizationId, String name) {
}
