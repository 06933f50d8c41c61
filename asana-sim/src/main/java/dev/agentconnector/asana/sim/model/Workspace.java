package dev.agentconnector.asana.sim.model;

import java.util.ArrayList;
import java.util.List;

/** A workspace or organization. */
public final class Workspace extends Entity {
    /** Display name. */
    public String name;
    /** Whether this workspace is an organization (has teams). */
    public boolean organization;
    /** Whether the workspace is on a paid plan (search works only then). */
    public boolean premium;
    /** Members, in the order they joined. */
    public final List<User> users = new ArrayList<>();
    /** Teams of the organization, in creation order. */
    public final List<Team> teams = new ArrayList<>();
    /** Projects, in creation order. */
    public final List<Project> projects = new ArrayList<>();
    /** Tags, in creation order. */
    public final List<Tag> tags = new ArrayList<>();

    /** Creates a workspace. */
    public Workspace(String gid, String name, boolean organization, boolean premium) {
        super(gid);
        this.name = name;
        this.organization = organization;
        this.premium = premium;
    }

    @Override
    public String resourceType() {
        return "workspace";
    }
}
