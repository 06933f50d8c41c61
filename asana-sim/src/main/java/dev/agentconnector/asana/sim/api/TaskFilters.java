package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.model.Task;

import java.time.Instant;
import java.util.function.Predicate;

/** The {@code completed_since} and {@code modified_since} filters shared by task lists. */
final class TaskFilters {
    private TaskFilters() {
    }

    /**
     * The filter keeping tasks that are incomplete or completed since {@code completed_since}, and (optionally)
     * modified since {@code modified_since}; null when the request sets neither. Malformed values are rejected here,
     * before any page is cut.
     */
    static Predicate<Task> of(ApiRequest r, boolean allowModifiedSince) {
        String cs = r.query("completed_since");
        String ms = allowModifiedSince ? r.query("modified_since") : null;
        if (cs == null && ms == null) {
            return null;
        }
        Instant completedSince = cs == null ? null
                : cs.equals("now") ? Instant.now() : BodyFields.parseDateTime(cs, "completed_since");
        Instant modifiedSince = ms == null ? null : BodyFields.parseDateTime(ms, "modified_since");
        return t -> !(completedSince != null && t.completed && t.completedAt.isBefore(completedSince))
                && !(modifiedSince != null && t.modifiedAt.isBefore(modifiedSince));
    }
}
