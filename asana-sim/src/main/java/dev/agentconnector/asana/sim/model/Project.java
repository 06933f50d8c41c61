package dev.agentconnector.asana.sim.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/** A project: an ordered list of sections, each holding an ordered list of tasks. */
public final class Project extends Entity {
    /** Display name. */
    public String name;
    /** Plain-text description. */
    public String notes = "";
    /** Color name from Asana's palette, or null. */
    public String color;
    /** Whether the project is archived. */
    public boolean archived;
    /** One of list, board, calendar, timeline. */
    public String defaultView = "list";
    /** One of public_to_workspace, private_to_team, private. */
    public String privacySetting = "public_to_workspace";
    /** Start date, or null. */
    public LocalDate startOn;
    /** Due date, or null. */
    public LocalDate dueOn;
    /** Whether the project is marked complete. */
    public boolean completed;
    /** When the project was completed, or null. */
    public Instant completedAt;
    /** Creation time. */
    public final Instant createdAt;
    /** Last modification time. */
    public Instant modifiedAt;
    /** The workspace holding the project. */
    public final Workspace workspace;
    /** The team owning the project (null outside organizations). */
    public Team team;
    /** The project owner, or null. */
    public User owner;
    /** Project members. */
    public final List<User> members = new ArrayList<>();
    /** Project followers. */
    public final List<User> followers = new ArrayList<>();
    /** Sections in display order. */
    public final List<Section> sections = new ArrayList<>();

    /** Creates a project. */
    public Project(String gid, String name, Workspace workspace, Team team, Instant createdAt) {
        super(gid);
        this.name = name;
        this.workspace = workspace;
        this.team = team;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    /** All tasks of the project in display order (section by section). */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (Section s : sections) {
            out.addAll(s.tasks);
        }
        return out;
    }

    /**
     * All tasks of the project in display order as a read-only view over the sections' lists: nothing is copied,
     * {@code get} costs O(sections) and the view follows later changes. Read it under the store lock.
     */
    public List<Task> taskView() {
        return new TaskView();
    }

    private final class TaskView extends AbstractList<Task> implements RandomAccess {
        @Override
        public Task get(int index) {
            int i = index;
            if (i >= 0) {
                for (Section s : sections) {
                    int n = s.tasks.size();
                    if (i < n) {
                        return s.tasks.get(i);
                    }
                    i -= n;
                }
            }
            throw new IndexOutOfBoundsException("index " + index + ", size " + size());
        }

        @Override
        public int size() {
            return taskCount();
        }
    }

    /** Number of tasks in the project. */
    public int taskCount() {
        int n = 0;
        for (Section s : sections) {
            n += s.tasks.size();
        }
        return n;
    }

    @Override
    public String resourceType() {
        return "project";
    }
}
