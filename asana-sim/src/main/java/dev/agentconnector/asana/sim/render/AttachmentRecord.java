package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Attachment;

/** JSON shape of attachments (AttachmentCompact / AttachmentResponse). */
public final class AttachmentRecord {
    private static final Selection PARENT = Selection.of("resource_type", "name", "resource_subtype");

    /** The attachment schema. */
    public static final RecordSchema<Attachment> SCHEMA = RecordSchema.<Attachment>entity("attachment", a -> a.gid)
            .string("name", a -> a.name)
            .string("resource_subtype", a -> "asana")
            .instant("created_at", a -> a.createdAt)
            .field("download_url", (a, g, s, c) -> g.writeString(c.downloadUrl(a)))
            .field("permanent_url", (a, g, s, c) ->
                    g.writeString(c.origin() + "/app/asana/-/get_asset?asset_id=" + a.gid))
            .string("host", a -> "asana")
            .ref("parent", a -> a.parent, () -> TaskRecord.SCHEMA, PARENT, Selection.REF)
            .number("size", Attachment::size)
            .field("view_url", (a, g, s, c) ->
                    g.writeString(c.origin() + "/app/asana/-/view_asset?asset_id=" + a.gid))
            .bool("connected_to_app", a -> false)
            .compact("resource_type", "name", "resource_subtype")
            .full("resource_type", "name", "resource_subtype", "created_at", "download_url", "permanent_url",
                    "host", "parent", "size", "view_url", "connected_to_app")
            .build();

    private AttachmentRecord() {
    }
}
