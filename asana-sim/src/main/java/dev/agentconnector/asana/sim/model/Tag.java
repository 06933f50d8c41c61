package dev.agentconnector.asana.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A tag of a workspace. */
public final class Tag extends Entity {
    /** Display name. */
    public String name;
    /** Color name from Asana's palette, or null. */
    public String color;
    /** Plain-text notes. */
    public String notes = "";
    /** The workspace holding the tag. */
    public final Workspace workspace;
    /** Creation time. */
    public final Instant createdAt;
    /** Followers of the tag. */
    public final List<User> followers = new ArrayList<>();
    /** Tagged tasks in tagging order. */
    public final List<Task> tasks = new ArrayList<>();

    /** Creates a tag. */
    public Tag(String gid, String name, Workspace workspace, Instant createdAt) {
        super(gid);
        this.name = name;
        this.workspace = workspace;
        this.createdAt = createdAt;
    }

    @Override
    public String resourceType() {
        return "tag";
    }
}
