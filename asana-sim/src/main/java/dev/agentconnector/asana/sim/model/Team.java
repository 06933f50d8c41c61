package dev.agentconnector.asana.sim.model;

import java.util.ArrayList;
import java.util.List;

/** A team inside an organization. */
public final class Team extends Entity {
    /** Display name. */
    public String name;
    /** Plain-text description. */
    public String description;
    /** The organization owning the team. */
    public final Workspace organization;
    /** One of secret, request_to_join, public. */
    public String visibility = "public";
    /** Members, in joining order. */
    public final List<User> members = new ArrayList<>();
    /** Projects of the team, in creation order. */
    public final List<Project> projects = new ArrayList<>();

    /** Creates a team. */
    public Team(String gid, String name, String description, Workspace organization) {
        super(gid);
        this.name = name;
        this.description = description;
        this.organization = organization;
    }

    @Override
    public String resourceType() {
        return "team";
    }
}
