package dev.agentconnector.asana.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A section of a project. */
public final class Section extends Entity {
    /** Display name. */
    public String name;
    /** The project holding the section. */
    public final Project project;
    /** Creation time. */
    public final Instant createdAt;
    /** Tasks of the section in display order. */
    public final List<Task> tasks = new ArrayList<>();

    /** Creates a section. */
    public Section(String gid, String name, Project project, Instant createdAt) {
        super(gid);
        this.name = name;
        this.project = project;
        this.createdAt = createdAt;
    }

    @Override
    public String resourceType() {
        return "section";
    }
}
