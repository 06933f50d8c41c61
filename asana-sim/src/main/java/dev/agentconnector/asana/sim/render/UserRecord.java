package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.User;

/** JSON shape of users (UserCompact / UserResponse). */
public final class UserRecord {
    /** The user schema. */
    public static final RecordSchema<User> SCHEMA = RecordSchema.<User>entity("user", u -> u.gid)
            .string("name", u -> u.name)
            .string("email", u -> u.email)
            .alwaysNull("photo")
            .refs("workspaces", u -> u.workspaces, () -> WorkspaceRecord.SCHEMA)
            .emptyArray("custom_fields")
            .compact("resource_type", "name")
            .full("resource_type", "name", "email", "photo", "workspaces")
            .build();

    /** The fields of UserBaseResponse, returned when a user is added to a workspace. */
    public static final Selection BASE = Selection.of("resource_type", "name", "email", "photo");

    private UserRecord() {
    }
}
