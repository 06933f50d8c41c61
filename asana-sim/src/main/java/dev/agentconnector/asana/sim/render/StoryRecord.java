package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Story;

/** JSON shape of stories (StoryCompact / StoryResponse). */
public final class StoryRecord {
    private static final Selection TARGET = Selection.of("resource_type", "name", "resource_subtype");

    /** The story schema. */
    public static final RecordSchema<Story> SCHEMA = RecordSchema.<Story>entity("story", s -> s.gid)
            .instant("created_at", s -> s.createdAt)
            .ref("created_by", s -> s.createdBy, () -> UserRecord.SCHEMA)
            .string("resource_subtype", s -> s.resourceSubtype)
            .string("text", s -> s.text)
            .optional("html_text", s -> s.htmlText != null, (s, g, sel, c) -> g.writeString(s.htmlText))
            .string("type", s -> s.type)
            .optional("is_pinned", Story::isComment, (s, g, sel, c) -> g.writeBoolean(s.pinned))
            .bool("is_editable", Story::isComment)
            .bool("is_edited", s -> false)
            .bool("hearted", s -> false)
            .emptyArray("hearts")
            .number("num_hearts", s -> 0L)
            .bool("liked", s -> false)
            .emptyArray("likes")
            .number("num_likes", s -> 0L)
            .emptyArray("reaction_summary")
            .emptyArray("previews")
            .string("source", s -> s.source)
            .ref("target", s -> s.target, () -> TaskRecord.SCHEMA, TARGET, Selection.REF)
            .compact("resource_type", "created_at", "created_by", "resource_subtype", "text")
            .full("resource_type", "created_at", "created_by", "resource_subtype", "text", "html_text", "type",
                    "is_pinned", "is_editable", "is_edited", "hearted", "hearts", "num_hearts", "liked", "likes",
                    "num_likes", "reaction_summary", "previews", "source", "target")
            .build();

    private StoryRecord() {
    }
}
