package dev.agentconnector.asana.sim.store;

import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Story;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.Team;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory object graph; readers share a read lock, writers take the write lock.
 *
 * <p>Collections are plain maps and lists: callers must hold {@link #read} or {@link #write} while touching them.
 */
public final class Store {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final GidAllocator gids;
    /** Changes made through the API, for the events endpoint. */
    public final EventLog events = new EventLog(java.time.Clock.systemUTC());

    /** Workspaces in creation order. */
    public final Map<String, Workspace> workspaces = new LinkedHashMap<>();
    /** Users in creation order. */
    public final Map<String, User> users = new LinkedHashMap<>();
    /** Teams in creation order. */
    public final Map<String, Team> teams = new LinkedHashMap<>();
    /** Projects in creation order. */
    public final Map<String, Project> projects = new LinkedHashMap<>();
    /** Sections in creation order. */
    public final Map<String, Section> sections = new LinkedHashMap<>();
    /** Tasks in creation order. */
    public final Map<String, Task> tasks;
    /** Tags in creation order. */
    public final Map<String, Tag> tags = new LinkedHashMap<>();
    /** Stories in creation order. */
    public final Map<String, Story> stories;
    /** Attachments in creation order. */
    public final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, User> usersByEmail = new HashMap<>();
    private final Map<String, Entity> all;

    /** Creates an empty store whose gids derive from the seed. */
    public Store(long seed) {
        this(seed, 0);
    }

    /**
     * Creates an empty store whose gids derive from the seed, sized for about {@code expectedTasks} tasks (and their
     * stories) so that filling it does not rehash its largest maps over and over.
     */
    public Store(long seed, int expectedTasks) {
        this.gids = new GidAllocator(seed);
        int expectedStories = 2 * expectedTasks;
        this.tasks = new LinkedHashMap<>(capacity(expectedTasks));
        this.stories = new LinkedHashMap<>(capacity(expectedStories));
        this.all = new HashMap<>(capacity(expectedTasks + expectedStories));
    }

    private static int capacity(int expected) {
        return (int) Math.min(1 << 30, Math.max(16, (long) expected * 4 / 3 + 1));
    }

    /** A fresh gid. */
    public String newGid() {
        return gids.next();
    }

    /** Runs {@code body} under the shared read lock. */
    public <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code body} under the exclusive write lock. */
    public <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Any object by gid, or null. */
    public Entity any(String gid) {
        return all.get(gid);
    }

    /** A user by email (case-insensitive), or null. */
    public User userByEmail(String email) {
        return usersByEmail.get(email.toLowerCase(Locale.ROOT));
    }

    /** Registers a workspace. */
    public Workspace add(Workspace w) {
        workspaces.put(w.gid, w);
        all.put(w.gid, w);
        return w;
    }

    /** Registers a user. */
    public User add(User u) {
        users.put(u.gid, u);
        usersByEmail.put(u.email.toLowerCase(Locale.ROOT), u);
        all.put(u.gid, u);
        return u;
    }

    /** Registers a team and links it to its organization. */
    public Team add(Team t) {
        teams.put(t.gid, t);
        t.organization.teams.add(t);
        all.put(t.gid, t);
        return t;
    }

    /** Registers a project and links it to its workspace and team. */
    public Project add(Project p) {
        projects.put(p.gid, p);
        p.workspace.projects.add(p);
        if (p.team != null) {
            p.team.projects.add(p);
        }
        all.put(p.gid, p);
        return p;
    }

    /** Registers a section and inserts it in its project at {@code index} (or at the end when negative). */
    public Section add(Section s, int index) {
        sections.put(s.gid, s);
        if (index < 0 || index > s.project.sections.size()) {
            s.project.sections.add(s);
        } else {
            s.project.sections.add(index, s);
        }
        all.put(s.gid, s);
        return s;
    }

    /** Registers a task (links are made by the caller). */
    public Task add(Task t) {
        tasks.put(t.gid, t);
        all.put(t.gid, t);
        return t;
    }

    /** Registers a tag and links it to its workspace. */
    public Tag add(Tag t) {
        tags.put(t.gid, t);
        t.workspace.tags.add(t);
        all.put(t.gid, t);
        return t;
    }

    /** Registers a story and appends it to its task. */
    public Story add(Story s) {
        stories.put(s.gid, s);
        s.target.stories.add(s);
        all.put(s.gid, s);
        return s;
    }

    /** Registers an attachment and appends it to its task. */
    public Attachment add(Attachment a) {
        attachments.put(a.gid, a);
        a.parent.attachments.add(a);
        all.put(a.gid, a);
        return a;
    }

    /** Adds a user to a workspace (idempotent). */
    public void join(User u, Workspace w) {
        if (!w.users.contains(u)) {
            w.users.add(u);
            u.workspaces.add(w);
        }
    }

    /** Adds a user to a team (idempotent). */
    public void join(User u, Team t) {
        if (!t.members.contains(u)) {
            t.members.add(u);
            u.teams.add(t);
        }
    }

    /**
     * Puts a task into a section at {@code index} (end when negative), moving it out of any other section of the
     * same project.
     */
    public void placeTask(Task t, Section s, int index) {
        Section old = t.memberships.get(s.project);
        if (old != null) {
            old.tasks.remove(t);
        }
        t.memberships.put(s.project, s);
        if (index < 0 || index > s.tasks.size()) {
            s.tasks.add(t);
        } else {
            s.tasks.add(index, t);
        }
    }

    /** Adds a tag to a task (idempotent). */
    public void tag(Task t, Tag tag) {
        if (!t.tags.contains(tag)) {
            t.tags.add(tag);
            tag.tasks.add(t);
        }
    }

    /** Removes a tag from a task (idempotent). */
    public void untag(Task t, Tag tag) {
        t.tags.remove(tag);
        tag.tasks.remove(t);
    }

    /** Makes {@code t} depend on {@code on} (idempotent). */
    public void addDependency(Task t, Task on) {
        if (!t.dependencies.contains(on)) {
            t.dependencies.add(on);
            on.dependents.add(t);
        }
    }

    /** Deletes a task with its subtasks, stories and attachments and unlinks it everywhere. */
    public void delete(Task t) {
        for (Task sub : t.subtasks.toArray(new Task[0])) {
            delete(sub);
        }
        for (Map.Entry<Project, Section> m : t.memberships.entrySet()) {
            m.getValue().tasks.remove(t);
        }
        for (Tag tag : t.tags) {
            tag.tasks.remove(t);
        }
        for (Task d : t.dependencies) {
            d.dependents.remove(t);
        }
        for (Task d : t.dependents) {
            d.dependencies.remove(t);
        }
        if (t.parent != null) {
            t.parent.subtasks.remove(t);
        }
        for (Story s : t.stories) {
            stories.remove(s.gid);
            all.remove(s.gid);
        }
        for (Attachment a : t.attachments) {
            attachments.remove(a.gid);
            all.remove(a.gid);
        }
        tasks.remove(t.gid);
        all.remove(t.gid);
    }

    /** Deletes a project and its sections; its tasks stay but leave the project. */
    public void delete(Project p) {
        for (Section s : p.sections) {
            for (Task t : s.tasks) {
                t.memberships.remove(p);
            }
            sections.remove(s.gid);
            all.remove(s.gid);
        }
        p.sections.clear();
        p.workspace.projects.remove(p);
        if (p.team != null) {
            p.team.projects.remove(p);
        }
        projects.remove(p.gid);
        all.remove(p.gid);
    }

    /** Deletes an (empty) section. */
    public void delete(Section s) {
        s.project.sections.remove(s);
        sections.remove(s.gid);
        all.remove(s.gid);
    }

    /** Deletes a tag and removes it from its tasks. */
    public void delete(Tag tag) {
        for (Task t : tag.tasks) {
            t.tags.remove(tag);
        }
        tag.tasks.clear();
        tag.workspace.tags.remove(tag);
        tags.remove(tag.gid);
        all.remove(tag.gid);
    }

    /** Deletes an attachment. */
    public void delete(Attachment a) {
        a.parent.attachments.remove(a);
        attachments.remove(a.gid);
        all.remove(a.gid);
    }
}
