package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Workspace;

/** JSON shape of workspaces (WorkspaceCompact / WorkspaceResponse). */
public final class WorkspaceRecord {
    /** The workspace schema. */
    public static final RecordSchema<Workspace> SCHEMA = RecordSchema.<Workspace>entity("workspace", w -> w.gid)
            .string("name", w -> w.name)
            // The spec types email_domains as absolute URIs, which bare domains are not, so none are listed.
            .emptyArray("email_domains")
            .bool("is_organization", w -> w.organization)
            .compact("resource_type", "name")
            .full("resource_type", "name", "email_domains", "is_organization")
            .build();

    private WorkspaceRecord() {
    }
}
