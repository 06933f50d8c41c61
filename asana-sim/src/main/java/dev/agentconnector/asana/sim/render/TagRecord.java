package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Tag;

/** JSON shape of tags (TagCompact / TagResponse). */
public final class TagRecord {
    /** The tag schema. */
    public static final RecordSchema<Tag> SCHEMA = RecordSchema.<Tag>entity("tag", t -> t.gid)
            .string("name", t -> t.name)
            .string("color", t -> t.color)
            .string("notes", t -> t.notes)
            .instant("created_at", t -> t.createdAt)
            .refs("followers", t -> t.followers, () -> UserRecord.SCHEMA)
            .ref("workspace", t -> t.workspace, () -> WorkspaceRecord.SCHEMA)
            .field("permalink_url", (t, g, s, c) -> g.writeString(c.origin() + "/0/" + t.gid + "/list"))
            .compact("resource_type", "name")
            .full("resource_type", "name", "color", "notes", "created_at", "followers", "workspace", "permalink_url")
            .build();

    private TagRecord() {
    }
}
