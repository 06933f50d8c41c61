package dev.agentconnector.asana.sim;

import dev.agentconnector.asana.sim.data.Dataset;

/** Well-known gids of the generated dataset, for tests and examples. */
public final class SimFixtures {
    private final Dataset d;

    SimFixtures(Dataset d) {
        this.d = d;
    }

    /** The default user (the owner of {@link AsanaSimulator#personalAccessToken()}). */
    public String meGid() {
        return d.meGid;
    }

    /** The default user's email. */
    public String meEmail() {
        return d.meEmail;
    }

    /** A team of the premium organization that the default user belongs to. */
    public String teamGid() {
        return d.teamGid;
    }

    /** A project of that team. */
    public String projectGid() {
        return d.projectGid;
    }

    /** The first section of that project. */
    public String sectionGid() {
        return d.sectionGid;
    }

    /** A task of that project with subtasks, dependencies, dependents, followers, tags, stories and attachments. */
    public String taskGid() {
        return d.taskGid;
    }

    /** A subtask of {@link #taskGid()}. */
    public String subtaskGid() {
        return d.subtaskGid;
    }

    /** A tag on {@link #taskGid()}. */
    public String tagGid() {
        return d.tagGid;
    }

    /** An attachment (small text file) of {@link #taskGid()}. */
    public String attachmentGid() {
        return d.attachmentGid;
    }

    /** A user of the free workspace who is not a member of the premium workspace. */
    public String otherUserGid() {
        return d.otherUserGid;
    }
}
