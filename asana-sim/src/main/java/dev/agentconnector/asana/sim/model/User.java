package dev.agentconnector.asana.sim.model;

import java.util.ArrayList;
import java.util.List;

/** A user account. */
public final class User extends Entity {
    /** Display name. */
    public String name;
    /** Login email, unique across the simulator. */
    public final String email;
    /** Workspaces the user belongs to, in joining order. */
    public final List<Workspace> workspaces = new ArrayList<>();
    /** Teams the user belongs to, in joining order. */
    public final List<Team> teams = new ArrayList<>();

    /** Creates a user. */
    public User(String gid, String name, String email) {
        super(gid);
        this.name = name;
        this.email = email;
    }

    @Override
    public String resourceType() {
        return "user";
    }
}
