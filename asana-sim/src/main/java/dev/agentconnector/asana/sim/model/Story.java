package dev.agentconnector.asana.sim.model;

import java.time.Instant;

/** A story on a task: a comment or a system-generated activity entry. */
public final class Story extends Entity {
    /** The task the story belongs to. */
    public final Task target;
    /** The author. */
    public final User createdBy;
    /** Creation time. */
    public final Instant createdAt;
    /** Either comment or system. */
    public final String type;
    /** Fine-grained kind, e.g. comment_added or assigned. */
    public final String resourceSubtype;
    /** Plain text. */
    public String text;
    /** Rich text (comments only), or null. */
    public String htmlText;
    /** Whether a comment is pinned. */
    public boolean pinned;
    /** Where the story came from: web, api, ... */
    public final String source;

    /** Creates a story. */
    public Story(String gid, Task target, User createdBy, Instant createdAt, String type, String resourceSubtype,
                 String text, String htmlText, String source) {
        super(gid);
        this.target = target;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.type = type;
        this.resourceSubtype = resourceSubtype;
        this.text = text;
        this.htmlText = htmlText;
        this.source = source;
    }

    /** Whether the story is a user comment. */
    public boolean isComment() {
        return "comment".equals(type);
    }

    @Override
    public String resourceType() {
        return "story";
    }
}
