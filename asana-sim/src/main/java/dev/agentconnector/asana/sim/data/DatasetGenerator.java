package dev.agentconnector.asana.sim.data;

import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.model.Content;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Story;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.Team;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.Html;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds the simulator's data from (seed, scale, tasks per project): the same inputs always give the same objects,
 * gids and timestamps. At scale 1 there are 2 workspaces, about 23 users, 4 teams, 10 projects, about 300 tasks and
 * 10 tags; counts other than tasks-per-project grow linearly with the scale. Each project gets
 * {@link #DEFAULT_TASKS_PER_PROJECT} top-level tasks unless told otherwise (premium projects other than the first
 * also receive a few tasks multi-homed from other projects).
 */
public final class DatasetGenerator {
    /** The instant the generated history starts at. */
    public static final Instant EPOCH = Instant.parse("2025-01-06T09:00:00Z");
    /** Top-level tasks generated in each project unless told otherwise. */
    public static final int DEFAULT_TASKS_PER_PROJECT = 24;
    /**
     * Largest number of top-level tasks generated over all projects (projects x tasks per project): at scale 1 (10
     * projects) a project holds at most 200,000 tasks.
     */
    public static final long MAX_GENERATED_TASKS = 2_000_000;

    private final Random rnd;
    private final int scale;
    private final int tasksPerProject;
    private final Store store;
    private final Set<String> emails = new HashSet<>();
    private Workspace premium;
    private Workspace free;
    private User me;
    private final List<User> premiumUsers = new ArrayList<>();
    private final List<User> freeUsers = new ArrayList<>();
    private final List<Team> teams = new ArrayList<>();
    private final List<Tag> premiumTags = new ArrayList<>();
    private final List<Tag> freeTags = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private int attachmentCounter;
    /**
     * One instance of each generated text (names, notes, story texts): large datasets repeat the same few
     * hundred combinations millions of times.
     */
    private final Map<String, String> texts = new HashMap<>();

    private DatasetGenerator(long seed, int scale, int tasksPerProject) {
        this.rnd = new Random(seed);
        this.scale = Math.max(1, scale);
        this.tasksPerProject = tasksPerProject;
        // about 1.25 tasks per top-level task once subtasks are counted
        this.store = new Store(seed, (int) Math.min(Integer.MAX_VALUE / 4,
                (long) projectCount(this.scale) * tasksPerProject * 5 / 4));
    }

    /** Generates the dataset for a seed and a scale (1 or more) with the default tasks per project. */
    public static Dataset generate(long seed, int scale) {
        return generate(seed, scale, DEFAULT_TASKS_PER_PROJECT);
    }

    /**
     * Generates the dataset for a seed, a scale (1 or more) and a number of top-level tasks per project.
     *
     * @throws IllegalArgumentException when {@link #checkSize} refuses the sizes
     */
    public static Dataset generate(long seed, int scale, int tasksPerProject) {
        checkSize(scale, tasksPerProject);
        return new DatasetGenerator(seed, scale, tasksPerProject).build();
    }

    /** Number of projects generated at a scale. */
    public static int projectCount(int scale) {
        return 10 * scale;
    }

    /**
     * Refuses sizes that cannot be generated: a scale or a number of tasks per project below 1, or more than
     * {@link #MAX_GENERATED_TASKS} tasks over all projects.
     */
    public static void checkSize(int scale, int tasksPerProject) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        if (tasksPerProject < 1) {
            throw new IllegalArgumentException("tasks per project must be at least 1, got " + tasksPerProject);
        }
        long total = (long) projectCount(scale) * tasksPerProject;
        if (total > MAX_GENERATED_TASKS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%,d tasks per project at scale "
                    + "%d would generate %,d tasks in %d projects; at most %,d are supported", tasksPerProject, scale,
                    total, projectCount(scale), MAX_GENERATED_TASKS));
        }
    }

    private Dataset build() {
        premium = store.add(new Workspace(store.newGid(), "Acme Corp", true, true));
        free = store.add(new Workspace(store.newGid(), "Personal Projects", false, false));
        users();
        teams();
        tags();
        for (int i = 0; i < 8 * scale; i++) { // 8 premium and 2 free projects per unit of scale: projectCount()
            projects.add(premiumProject(i));
        }
        for (int i = 0; i < 2 * scale; i++) {
            projects.add(freeProject(i));
        }
        for (Project p : projects) {
            populate(p);
        }
        crossLink();
        Project fixtureProject = projects.get(0);
        Task fixture = fixtureTask(fixtureProject);
        return new Dataset(store, me.gid, me.email, premium.gid, free.gid, teams.get(0).gid, fixtureProject.gid,
                fixtureProject.sections.get(0).gid, fixture.gid, fixture.subtasks.get(0).gid, fixture.tags.get(0).gid,
                fixture.attachments.get(0).gid, freeUsers.get(0).gid);
    }

    private void users() {
        me = store.add(new User(store.newGid(), "Alex Morgan", "alex.morgan@example.com"));
        emails.add(me.email);
        store.join(me, premium);
        store.join(me, free);
        premiumUsers.add(me);
        for (int i = 1; i < 20 * scale; i++) {
            User u = newUser("example.com");
            store.join(u, premium);
            premiumUsers.add(u);
            if (i <= 2 * scale) {
                store.join(u, free);
            }
        }
        for (int i = 0; i < 3 * scale; i++) {
            User u = newUser("example.net");
            store.join(u, free);
            freeUsers.add(u);
        }
    }

    private User newUser(String domain) {
        String first = NameBank.pick(rnd, NameBank.FIRST);
        String last = NameBank.pick(rnd, NameBank.LAST);
        String local = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace("'", "");
        String email = local + "@" + domain;
        int n = 2;
        while (emails.contains(email)) {
            email = local + n++ + "@" + domain;
        }
        emails.add(email);
        return store.add(new User(store.newGid(), first + " " + last, email));
    }

    private void teams() {
        for (int i = 0; i < 4 * scale; i++) {
            String base = NameBank.TEAMS.get(i % NameBank.TEAMS.size());
            String name = i < NameBank.TEAMS.size() ? base : base + " " + (i / NameBank.TEAMS.size() + 1);
            Team t = store.add(new Team(store.newGid(), name, "The " + name + " team's shared work.", premium));
            teams.add(t);
            if (i % 4 == 2) {
                t.visibility = "request_to_join";
            }
        }
        for (int i = 0; i < teams.size(); i++) {
            if (i % 4 < 2) {
                store.join(me, teams.get(i));
            }
        }
        for (User u : premiumUsers.subList(1, premiumUsers.size())) {
            store.join(u, teams.get(rnd.nextInt(teams.size())));
            if (rnd.nextInt(3) == 0) {
                store.join(u, teams.get(rnd.nextInt(teams.size())));
            }
        }
        for (Team t : teams) {
            while (t.members.size() < 3) {
                store.join(premiumUsers.get(1 + rnd.nextInt(premiumUsers.size() - 1)), t);
            }
        }
    }

    private void tags() {
        for (int i = 0; i < 8 * scale; i++) {
            premiumTags.add(tag(premium, i));
        }
        for (int i = 0; i < 2 * scale; i++) {
            freeTags.add(tag(free, i + 8));
        }
    }

    private Tag tag(Workspace w, int i) {
        String base = NameBank.TAGS.get(i % NameBank.TAGS.size());
        String name = i < NameBank.TAGS.size() ? base : base + "-" + (i / NameBank.TAGS.size() + 1);
        Tag t = new Tag(store.newGid(), name, w, EPOCH.minus(Duration.ofDays(30 - i % 30)));
        t.color = NameBank.pick(rnd, NameBank.COLORS);
        t.notes = "Tasks labelled " + name + ".";
        t.followers.add(w.users.get(0));
        return store.add(t);
    }

    private Project premiumProject(int i) {
        Team team = teams.get(i % teams.size());
        String base = NameBank.PROJECTS.get(i % NameBank.PROJECTS.size());
        String name = i < NameBank.PROJECTS.size() ? base : base + " " + (i / NameBank.PROJECTS.size() + 1);
        Project p = new Project(store.newGid(), name, premium, team, EPOCH.plus(Duration.ofHours(i * 7L)));
        p.owner = i == 0 ? me : team.members.get(rnd.nextInt(team.members.size()));
        p.members.addAll(team.members);
        p.archived = i % 8 == 7;
        p.privacySetting = i % 5 == 4 ? "private_to_team" : "public_to_workspace";
        return finishProject(p, i);
    }

    private Project freeProject(int i) {
        String base = NameBank.PERSONAL_PROJECTS.get(i % NameBank.PERSONAL_PROJECTS.size());
        String name = i < NameBank.PERSONAL_PROJECTS.size() ? base
                : base + " " + (i / NameBank.PERSONAL_PROJECTS.size() + 1);
        Project p = new Project(store.newGid(), name, free, null, EPOCH.plus(Duration.ofHours(3 + i * 11L)));
        p.owner = me;
        p.members.add(me);
        p.members.addAll(freeUsers.subList(0, Math.min(2, freeUsers.size())));
        return finishProject(p, i);
    }

    private Project finishProject(Project p, int i) {
        p.followers.add(p.owner);
        p.color = NameBank.pick(rnd, NameBank.COLORS);
        p.defaultView = i % 3 == 1 ? "board" : "list";
        p.notes = "Everything needed for " + p.name + ". " + NameBank.pick(rnd, NameBank.SENTENCES);
        if (rnd.nextBoolean()) {
            p.startOn = day(p.createdAt).plusDays(3);
            p.dueOn = p.startOn.plusDays(60 + rnd.nextInt(120));
        }
        p.modifiedAt = p.createdAt.plus(Duration.ofDays(1 + rnd.nextInt(40)));
        store.add(p);
        List<String> names = NameBank.SECTION_SETS.get((i + (p.workspace == free ? 1 : 0))
                % NameBank.SECTION_SETS.size());
        for (String n : names) {
            store.add(new Section(store.newGid(), n, p, p.createdAt), -1);
        }
        return p;
    }

    private void populate(Project p) {
        List<User> people = p.workspace == premium ? p.members : p.workspace.users;
        List<Tag> wsTags = p.workspace == premium ? premiumTags : freeTags;
        Instant created = p.createdAt.plus(Duration.ofMinutes(30));
        for (int k = 0; k < tasksPerProject; k++) {
            created = created.plus(creationStep(30 + rnd.nextInt(600)));
            User creator = people.get(rnd.nextInt(people.size()));
            Task t = newTask(taskName(), p.workspace, creator, created, people);
            int sectionIndex = Math.min(p.sections.size() - 1, (int) ((long) k * p.sections.size() / tasksPerProject));
            store.placeTask(t, p.sections.get(sectionIndex), -1);
            if (rnd.nextInt(100) < 30) {
                store.tag(t, wsTags.get(rnd.nextInt(wsTags.size())));
                if (rnd.nextInt(100) < 30) {
                    store.tag(t, wsTags.get(rnd.nextInt(wsTags.size())));
                }
            }
            if (rnd.nextInt(8) == 0) {
                int n = 1 + rnd.nextInt(3);
                for (int s = 0; s < n; s++) {
                    addSubtask(t, people);
                }
            }
            if (rnd.nextInt(100) < 8) {
                attach(t, created.plus(Duration.ofHours(2)));
            }
        }
    }

    /**
     * The time between two tasks' creation: {@code minutes} for the default size; for larger projects, the same
     * proportion of a proportionally shorter step, so that a project's history spans the same few days whatever its
     * size (100,000 tasks at the default step would be created over 60 years, most of them in the future).
     */
    private Duration creationStep(int minutes) {
        return tasksPerProject <= DEFAULT_TASKS_PER_PROJECT ? Duration.ofMinutes(minutes)
                : Duration.ofMillis(minutes * 60_000L * DEFAULT_TASKS_PER_PROJECT / tasksPerProject);
    }

    private String shared(String text) {
        String known = texts.putIfAbsent(text, text);
        return known != null ? known : text;
    }

    private String taskName() {
        return shared(NameBank.pick(rnd, NameBank.VERBS) + " " + NameBank.pick(rnd, NameBank.OBJECTS));
    }

    private Task newTask(String name, Workspace w, User creator, Instant created, List<User> people) {
        Task t = new Task(store.newGid(), name, w, creator, created);
        t.notes = shared(NameBank.pick(rnd, NameBank.SENTENCES) + " " + NameBank.pick(rnd, NameBank.SENTENCES));
        int kind = rnd.nextInt(100);
        t.resourceSubtype = kind < 5 ? "milestone" : kind < 8 ? "approval" : "default_task";
        if (rnd.nextInt(100) < 80) {
            boolean premiumTask = w == premium;
            t.assignee = premiumTask && rnd.nextInt(4) == 0 ? me : people.get(rnd.nextInt(people.size()));
        }
        if (rnd.nextInt(100) < 70) {
            t.dueOn = day(EPOCH).plusDays(10 + rnd.nextInt(300));
            if (rnd.nextInt(10) == 0) {
                t.dueAt = t.dueOn.atTime(17, 0).toInstant(ZoneOffset.UTC);
            } else if (rnd.nextInt(8) == 0) {
                t.startOn = t.dueOn.minusDays(1 + rnd.nextInt(10));
            }
        }
        Instant modified = created.plus(Duration.ofMinutes(1 + rnd.nextInt(20_000)));
        if (rnd.nextInt(100) < 30) {
            t.completed = true;
            t.completedAt = created.plus(Duration.ofMinutes(60 + rnd.nextInt(30_000)));
            t.completedBy = t.assignee != null ? t.assignee : creator;
            if (t.resourceSubtype.equals("approval")) {
                t.approvalStatus = "approved";
            }
            if (modified.isBefore(t.completedAt)) {
                modified = t.completedAt;
            }
        }
        t.modifiedAt = modified;
        follow(t, creator);
        follow(t, t.assignee);
        if (rnd.nextInt(5) == 0) {
            follow(t, people.get(rnd.nextInt(people.size())));
        }
        store.add(t);
        stories(t);
        return t;
    }

    private void addSubtask(Task parent, List<User> people) {
        Instant created = parent.createdAt.plus(Duration.ofMinutes(5 + rnd.nextInt(300)));
        Task sub = newTask(taskName(), parent.workspace, parent.createdBy, created, people);
        sub.parent = parent;
        parent.subtasks.add(sub);
    }

    private void stories(Task t) {
        Instant at = t.createdAt.plus(Duration.ofMinutes(1));
        if (t.assignee != null) {
            store.add(new Story(store.newGid(), t, t.createdBy, at, "system", "assigned",
                    shared("assigned to " + t.assignee.name), null, "web"));
        }
        int comments = rnd.nextInt(3);
        for (int i = 0; i < comments; i++) {
            at = at.plus(Duration.ofMinutes(10 + rnd.nextInt(2000)));
            User author = t.followers.get(rnd.nextInt(t.followers.size()));
            String text = NameBank.pick(rnd, NameBank.COMMENTS);
            store.add(new Story(store.newGid(), t, author, at, "comment", "comment_added", text,
                    texts.computeIfAbsent("<html>" + text, k -> Html.fromText(text)), "web"));
        }
    }

    private Attachment attach(Task t, Instant at) {
        int kind = attachmentCounter++ % 3;
        String name;
        String type;
        Content content;
        if (kind == 0) {
            name = "notes-" + attachmentCounter + ".txt";
            type = "text/plain";
            content = AttachmentFiles.text(rnd, t.name);
        } else if (kind == 1) {
            name = "mockup-" + attachmentCounter + ".png";
            type = "image/png";
            content = AttachmentFiles.png(rnd);
        } else {
            name = "metrics-" + attachmentCounter + ".csv";
            type = "text/csv";
            content = AttachmentFiles.csv(rnd);
        }
        return store.add(new Attachment(store.newGid(), name, t, at, type, content));
    }

    /** Adds multi-homing and dependencies among generated tasks. */
    private void crossLink() {
        List<Project> premiumProjects = new ArrayList<>();
        for (Project p : projects) {
            if (p.workspace == premium) {
                premiumProjects.add(p);
            }
        }
        for (Project p : premiumProjects) {
            List<Task> tasks = p.tasks();
            for (int i = 4; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                if (rnd.nextInt(100) < 5 && premiumProjects.size() > 1) {
                    Project other = premiumProjects.get(rnd.nextInt(premiumProjects.size()));
                    if (other != p && other != premiumProjects.get(0) && !t.memberships.containsKey(other)) {
                        store.placeTask(t, other.sections.get(other.sections.size() - 1), -1);
                    }
                }
                if (rnd.nextInt(100) < 10 && i + 1 < tasks.size()) {
                    int j = i + 1 + rnd.nextInt(tasks.size() - i - 1);
                    store.addDependency(t, tasks.get(j));
                }
            }
        }
    }

    /** Makes the first task of the fixture project rich: subtasks, dependencies, dependents, tags, files. */
    private Task fixtureTask(Project p) {
        List<Task> tasks = p.tasks();
        Task t = tasks.get(0);
        t.name = "Prepare launch checklist";
        t.notes = "Collect every launch step in one place. " + NameBank.SENTENCES.get(0);
        t.resourceSubtype = "default_task";
        t.assignee = me;
        t.completed = false;
        t.completedAt = null;
        t.completedBy = null;
        t.dueOn = day(EPOCH).plusDays(45);
        t.dueAt = null;
        t.startOn = t.dueOn.minusDays(7);
        follow(t, me);
        for (User u : p.members) {
            if (t.followers.size() >= 3) {
                break;
            }
            follow(t, u);
        }
        while (t.subtasks.size() < 3) {
            addSubtask(t, p.members);
        }
        if (tasks.size() >= 4) { // always so unless a project was asked for fewer tasks
            store.addDependency(t, tasks.get(1));
            store.addDependency(t, tasks.get(2));
            store.addDependency(tasks.get(3), t);
        }
        store.tag(t, premiumTags.get(0));
        store.tag(t, premiumTags.get(1));
        if (t.stories.stream().noneMatch(Story::isComment)) {
            Instant at = t.createdAt.plus(Duration.ofMinutes(42));
            store.add(new Story(store.newGid(), t, me, at, "comment", "comment_added",
                    "Kickoff notes are attached.", Html.fromText("Kickoff notes are attached."), "web"));
        }
        List<Attachment> existing = new ArrayList<>(t.attachments);
        for (Attachment a : existing) {
            store.delete(a);
        }
        store.add(new Attachment(store.newGid(), "launch-checklist.txt", t, t.createdAt.plus(Duration.ofHours(1)),
                "text/plain", AttachmentFiles.text(rnd, t.name)));
        store.add(new Attachment(store.newGid(), "launch-mockup.png", t, t.createdAt.plus(Duration.ofHours(3)),
                "image/png", AttachmentFiles.png(rnd)));
        return t;
    }

    private static void follow(Task t, User u) {
        if (u != null && !t.followers.contains(u)) {
            t.followers.add(u);
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
