package dev.agentconnector.asana.sim.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task or subtask. */
public final class Task extends Entity {
    /** Display name. */
    public String name;
    /** Plain-text description. */
    public String notes = "";
    /** One of default_task, milestone, approval, custom. */
    public String resourceSubtype = "default_task";
    /** Approval status for approval tasks (pending, approved, rejected, changes_requested). */
    public String approvalStatus = "pending";
    /** The workspace holding the task. */
    public final Workspace workspace;
    /** Author of the task. */
    public final User createdBy;
    /** Creation time. */
    public final Instant createdAt;
    /** Last modification time. */
    public Instant modifiedAt;
    /** The assignee, or null. */
    public User assignee;
    /** Whether the task is complete. */
    public boolean completed;
    /** When the task was completed, or null. */
    public Instant completedAt;
    /** Who completed the task, or null. */
    public User completedBy;
    /** Due date, or null. */
    public LocalDate dueOn;
    /** Due date-time, or null (when set, {@link #dueOn} is its date). */
    public Instant dueAt;
    /** Start date, or null. */
    public LocalDate startOn;
    /** Start date-time, or null. */
    public Instant startAt;
    /** Parent task for subtasks, or null. */
    public Task parent;
    /** Subtasks in display order. */
    public final List<Task> subtasks = new ArrayList<>();
    /** Section of each project the task is in, in the order the task was added to them. */
    public final Map<Project, Section> memberships = new LinkedHashMap<>();
    /** Tags in tagging order. */
    public final List<Tag> tags = new ArrayList<>();
    /** Followers in following order. */
    public final List<User> followers = new ArrayList<>();
    /** Tasks this task depends on. */
    public final List<Task> dependencies = new ArrayList<>();
    /** Tasks depending on this task. */
    public final List<Task> dependents = new ArrayList<>();
    /** Stories in chronological order. */
    public final List<Story> stories = new ArrayList<>();
    /** Attachments in upload order. */
    public final List<Attachment> attachments = new ArrayList<>();

    /** Creates a task. */
    public Task(String gid, String name, Workspace workspace, User createdBy, Instant createdAt) {
        super(gid);
        this.name = name;
        this.workspace = workspace;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    /** Projects the task belongs to. */
    public List<Project> projects() {
        return new ArrayList<>(memberships.keySet());
    }

    /** Whether the task is blocked by an incomplete dependency. */
    public boolean isBlocked() {
        for (Task d : dependencies) {
            if (!d.completed) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String resourceType() {
        return "task";
    }
}
