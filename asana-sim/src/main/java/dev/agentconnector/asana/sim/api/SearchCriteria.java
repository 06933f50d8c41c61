package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The filters of a task search, parsed from the query string into one predicate per given parameter. */
final class SearchCriteria {
    private final List<Predicate<Task>> tests = new ArrayList<>();

    private SearchCriteria() {
    }

    /** Whether the task passes every filter. */
    boolean matches(Task t) {
        for (Predicate<Task> p : tests) {
            if (!p.test(t)) {
                return false;
            }
        }
        return true;
    }

    /** Parses the search parameters of the request. */
    static SearchCriteria parse(ApiRequest r, Store store, User me) {
        SearchCriteria c = new SearchCriteria();
        String text = r.query("text");
        if (text != null && !text.isBlank()) {
            String needle = text.toLowerCase(Locale.ROOT).trim();
            c.tests.add(t -> t.name.toLowerCase(Locale.ROOT).contains(needle)
                    || t.notes.toLowerCase(Locale.ROOT).contains(needle));
        }
        String subtype = r.query("resource_subtype");
        if (subtype != null) {
            c.tests.add(t -> t.resourceSubtype.equals(subtype));
        }
        c.bool(r, "completed", t -> t.completed);
        c.bool(r, "is_subtask", t -> t.parent != null);
        c.bool(r, "has_attachment", t -> !t.attachments.isEmpty());
        c.bool(r, "is_blocked", Task::isBlocked);
        c.bool(r, "is_blocking", t -> t.dependents.stream().anyMatch(d -> !d.completed));

        c.users(r, store, me, "assignee.any", t -> t.assignee == null ? List.of() : List.of(t.assignee), true);
        c.users(r, store, me, "assignee.not", t -> t.assignee == null ? List.of() : List.of(t.assignee), false);
        c.users(r, store, me, "followers.any", t -> t.followers, true);
        c.users(r, store, me, "followers.not", t -> t.followers, false);
        c.users(r, store, me, "created_by.any", t -> List.of(t.createdBy), true);
        c.users(r, store, me, "created_by.not", t -> List.of(t.createdBy), false);

        Set<String> projectsAny = ids(r, "projects.any");
        Set<String> sectionsAny = ids(r, "sections.any");
        if (projectsAny != null || sectionsAny != null) {
            c.tests.add(t -> (projectsAny != null && overlaps(t.memberships.keySet(), projectsAny))
                    || (sectionsAny != null && overlaps(t.memberships.values(), sectionsAny)));
        }
        c.ids(r, "projects.not", t -> t.memberships.keySet(), Mode.NONE);
        c.ids(r, "projects.all", t -> t.memberships.keySet(), Mode.ALL);
        c.ids(r, "sections.not", t -> t.memberships.values(), Mode.NONE);
        c.ids(r, "sections.all", t -> t.memberships.values(), Mode.ALL);
        c.ids(r, "tags.any", t -> t.tags, Mode.ANY);
        c.ids(r, "tags.not", t -> t.tags, Mode.NONE);
        c.ids(r, "tags.all", t -> t.tags, Mode.ALL);
        c.ids(r, "teams.any", SearchCriteria::teams, Mode.ANY);

        c.dates(r, "due_on", t -> t.dueOn);
        c.dates(r, "start_on", t -> t.startOn);
        c.dates(r, "created_on", t -> day(t.createdAt));
        c.dates(r, "completed_on", t -> day(t.completedAt));
        c.dates(r, "modified_on", t -> day(t.modifiedAt));
        c.times(r, "due_at", t -> t.dueAt != null ? t.dueAt
                : t.dueOn == null ? null : t.dueOn.atStartOfDay(ZoneOffset.UTC).toInstant());
        c.times(r, "created_at", t -> t.createdAt);
        c.times(r, "completed_at", t -> t.completedAt);
        c.times(r, "modified_at", t -> t.modifiedAt);
        return c;
    }

    private enum Mode { ANY, NONE, ALL }

    private static List<Entity> teams(Task t) {
        List<Entity> out = new ArrayList<>();
        for (Project p : t.memberships.keySet()) {
            if (p.team != null) {
                out.add(p.team);
            }
        }
        return out;
    }

    private static LocalDate day(Instant t) {
        return t == null ? null : t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean overlaps(Collection<? extends Entity> have, Set<String> wanted) {
        for (Entity e : have) {
            if (wanted.contains(e.gid)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(ApiRequest r, String param) {
        String v = r.query(param);
        if (v == null) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (String s : v.split(",")) {
            String id = s.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!Lookups.isGid(id)) {
                throw ApiException.notAnId(param, id);
            }
            out.add(id);
        }
        return out;
    }

    private void ids(ApiRequest r, String param, Function<Task, Collection<? extends Entity>> of, Mode mode) {
        Set<String> wanted = ids(r, param);
        if (wanted == null) {
            return;
        }
        switch (mode) {
            case ANY:
                tests.add(t -> overlaps(of.apply(t), wanted));
                break;
            case NONE:
                tests.add(t -> !overlaps(of.apply(t), wanted));
                break;
            default:
                tests.add(t -> {
                    Set<String> have = new HashSet<>();
                    for (Entity e : of.apply(t)) {
                        have.add(e.gid);
                    }
                    return have.containsAll(wanted);
                });
        }
    }

    private void users(ApiRequest r, Store store, User me, String param, Function<Task, Collection<User>> of,
                       boolean any) {
        String v = r.query(param);
        if (v == null) {
            return;
        }
        Set<User> wanted = new HashSet<>();
        boolean wantsNone = false;
        for (String s : v.split(",")) {
            String ref = s.trim();
            if (ref.isEmpty()) {
                continue;
            }
            if (ref.equals("null")) {
                wantsNone = true;
                continue;
            }
            User u = Lookups.findUser(store, ref, me.gid);
            if (u == null && !Lookups.isGid(ref)) {
                throw ApiException.notAnId(param, ref);
            }
            if (u != null) {
                wanted.add(u);
            }
        }
        boolean none = wantsNone;
        Predicate<Task> hit = t -> {
            Collection<User> have = of.apply(t);
            if (none && have.isEmpty()) {
                return true;
            }
            for (User u : have) {
                if (wanted.contains(u)) {
                    return true;
                }
            }
            return false;
        };
        tests.add(any ? hit : hit.negate());
    }

    private void bool(ApiRequest r, String param, Predicate<Task> property) {
        Boolean want = ApiModule.boolParam(r, param);
        if (want != null) {
            tests.add(t -> property.test(t) == want);
        }
    }

    private void dates(ApiRequest r, String base, Function<Task, LocalDate> of) {
        LocalDate on = date(r, base);
        LocalDate before = date(r, base + ".before");
        LocalDate after = date(r, base + ".after");
        if (on != null) {
            tests.add(t -> on.equals(of.apply(t)));
        }
        if (before != null) {
            tests.add(t -> of.apply(t) != null && of.apply(t).isBefore(before));
        }
        if (after != null) {
            tests.add(t -> of.apply(t) != null && of.apply(t).isAfter(after));
        }
    }

    private void times(ApiRequest r, String base, Function<Task, Instant> of) {
        String b = r.query(base + ".before");
        String a = r.query(base + ".after");
        if (b != null) {
            Instant before = BodyFields.parseDateTime(b, base + ".before");
            tests.add(t -> of.apply(t) != null && of.apply(t).isBefore(before));
        }
        if (a != null) {
            Instant after = BodyFields.parseDateTime(a, base + ".after");
            tests.add(t -> of.apply(t) != null && of.apply(t).isAfter(after));
        }
    }

    private static LocalDate date(ApiRequest r, String param) {
        String v = r.query(param);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(param + ": Invalid date string: " + v);
        }
    }
}
