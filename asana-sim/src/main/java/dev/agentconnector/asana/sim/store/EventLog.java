package dev.agentconnector.asana.sim.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.model.Attachment;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Story;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.User;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Asana's events API serves: every change made through the API, kept in order, and the sync tokens that mark a
 * subscriber's place in it. A change is seen by the resources it concerns (a task's change by the task, its projects
 * and its parent task; a section's by its project; a story's by its task). A token is good for one resource for
 * {@link #TOKEN_LIFETIME}, and only while the events after it are still kept; otherwise reading answers 412 with a
 * fresh token, as Asana does. Each read returns at most {@link #PAGE} events and says whether more wait.
 */
public final class EventLog {
    /** Events per answer, as Asana. */
    public static final int PAGE = 100;
    /** How long a sync token stays good (Asana: tokens expire; a day is typical). */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    /** Events kept; a token older than the oldest kept answers 412. */
    public static final int RETAINED = 100_000;
    private static final int MAX_TOKENS = 100_000;

    /** One change, with the names it had when it happened. */
    public record Event(long seq, Instant createdAt, User user, Entity resource, String resourceName, String action,
                        Entity parent, String parentName, ObjectNode change, Set<String> audience) {
    }

    /** A page of events for one resource and the token that continues after it. */
    public record Page(List<Event> events, String sync, boolean hasMore) {
    }

    /** A token that is missing, unknown, too old or for another resource; carries a fresh one. */
    public static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String fresh;

        Expired(String fresh) {
            super("Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch "
                    + "the full dataset for this query now and use the new sync token for the next sync.", null,
                    false, false);
            this.fresh = fresh;
        }

        /** The token to continue with after fetching everything anew. */
        public String fresh() {
            return fresh;
        }
    }

    private record Token(String resource, long after, Instant issued) {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final Map<String, Token> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Token> eldest) {
            return size() > MAX_TOKENS;
        }
    };
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private long lastSeq;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /** Records a change seen by {@code audience} (gids of tasks and projects). */
    public synchronized void record(User user, Entity resource, String action, Entity parent, ObjectNode change,
                                    Collection<String> audience) {
        events.addLast(new Event(++lastSeq, clock.instant().truncatedTo(ChronoUnit.MILLIS), user, resource,
                nameOf(resource), action, parent, parent == null ? null : nameOf(parent), change,
                Set.copyOf(audience)));
        while (events.size() > RETAINED) {
            events.removeFirst();
        }
    }

    /** The events for {@code resource} after {@code sync}; throws {@link Expired} when the token cannot be used. */
    public synchronized Page read(String resource, String sync) {
        Token t = sync == null ? null : tokens.get(sync);
        Instant now = clock.instant();
        long oldestKept = events.isEmpty() ? lastSeq + 1 : events.peekFirst().seq();
        if (t == null || !t.resource().equals(resource) || now.isAfter(t.issued().plus(TOKEN_LIFETIME))
                || t.after() + 1 < oldestKept) {
            throw new Expired(issue(resource, lastSeq, now));
        }
        List<Event> out = new ArrayList<>();
        long last = t.after();
        boolean more = false;
        for (Event e : events) {
            if (e.seq() <= t.after() || !e.audience().contains(resource)) {
                continue;
            }
            if (out.size() == PAGE) {
                more = true;
                break;
            }
            out.add(e);
            last = e.seq();
        }
        return new Page(out, issue(resource, more ? last : lastSeq, now), more);
    }

    /** Makes every token issued so far unusable (the next read of each answers 412). */
    public synchronized void expireAll() {
        tokens.clear();
    }

    private String issue(String resource, long after, Instant now) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        tokens.put(token, new Token(resource, after, now));
        return token;
    }

    /** The gids that see a change of this task: the task, its projects and its parent. */
    public static Set<String> audienceOf(Task t) {
        Set<String> a = new LinkedHashSet<>();
        a.add(t.gid);
        t.memberships.keySet().forEach(p -> a.add(p.gid));
        if (t.parent != null) {
            a.add(t.parent.gid);
        }
        return a;
    }

    /** A change of one field, as {@code change} of an event. */
    public static ObjectNode fieldChange(String field, String action) {
        return JsonNodeFactory.instance.objectNode().put("field", field).put("action", action);
    }

    /** The display name of an object at the time of an event. */
    public static String nameOf(Entity e) {
        if (e instanceof Task t) {
            return t.name;
        } else if (e instanceof Project p) {
            return p.name;
        } else if (e instanceof Section s) {
            return s.name;
        } else if (e instanceof Tag t) {
            return t.name;
        } else if (e instanceof User u) {
            return u.name;
        } else if (e instanceof Attachment a) {
            return a.name;
        } else if (e instanceof Story s) {
            return s.text;
        }
        return null;
    }
}
