package dev.agentconnector.asana.sim.model;

import java.time.Instant;

/** A file attached to a task, with its content source. */
public final class Attachment extends Entity {
    /** File name. */
    public final String name;
    /** The task the file is attached to. */
    public final Task parent;
    /** Upload time. */
    public final Instant createdAt;
    /** MIME type served with the download. */
    public final String contentType;
    /** The bytes of the file. */
    public final Content content;

    /** Creates an attachment. */
    public Attachment(String gid, String name, Task parent, Instant createdAt, String contentType, Content content) {
        super(gid);
        this.name = name;
        this.parent = parent;
        this.createdAt = createdAt;
        this.contentType = contentType;
        this.content = content;
    }

    /** Size of the content in bytes. */
    public long size() {
        return content.size();
    }

    @Override
    public String resourceType() {
        return "attachment";
    }
}
