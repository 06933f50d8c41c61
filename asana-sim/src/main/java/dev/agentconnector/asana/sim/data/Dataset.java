package dev.agentconnector.asana.sim.data;

import dev.agentconnector.asana.sim.store.Store;

/** A generated store plus the gids of its well-known objects. */
public final class Dataset {
    /** The populated store. */
    public final Store store;
    /** The default user. */
    public final String meGid;
    /** The default user's email. */
    public final String meEmail;
    /** The premium organization. */
    public final String workspaceGid;
    /** The free personal workspace. */
    public final String freeWorkspaceGid;
    /** A team of the default user. */
    public final String teamGid;
    /** A project of that team. */
    public final String projectGid;
    /** The first section of that project. */
    public final String sectionGid;
    /** A richly linked task of that project. */
    public final String taskGid;
    /** A subtask of that task. */
    public final String subtaskGid;
    /** A tag on that task. */
    public final String tagGid;
    /** An attachment of that task. */
    public final String attachmentGid;
    /** A user of the free workspace who is not in the premium one. */
    public final String otherUserGid;

    Dataset(Store store, String meGid, String meEmail, String workspaceGid, String freeWorkspaceGid, String teamGid,
            String projectGid, String sectionGid, String taskGid, String subtaskGid, String tagGid,
            String attachmentGid, String otherUserGid) {
        this.store = store;
        this.meGid = meGid;
        this.meEmail = meEmail;
        this.workspaceGid = workspaceGid;
        this.freeWorkspaceGid = freeWorkspaceGid;
        this.teamGid = teamGid;
        this.projectGid = projectGid;
        this.sectionGid = sectionGid;
        this.taskGid = taskGid;
        this.subtaskGid = subtaskGid;
        this.tagGid = tagGid;
        this.attachmentGid = attachmentGid;
        this.otherUserGid = otherUserGid;
    }
}
