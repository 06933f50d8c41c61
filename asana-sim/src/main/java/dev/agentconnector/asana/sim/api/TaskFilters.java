package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code completed_since} and {@code modified_since} filters shared by task lists. */
final class TaskFilters {
    private TaskFilters() {
    }

    /** Keeps tasks that are incomplete or completed since {@code completed_since}, and (optionally) modified since. */
    static List<Task> apply(ApiRequest r, List<Task> tasks, boolean allowModifiedSince) {
        String cs = r.query("completed_since");
        String ms = allowModifiedSince ? r.query("modified_since") : null;
        if (cs == null && ms == null) {
            return tasks;
        }
        Instant completedSince = cs == null ? null
                : cs.equals("now") ? Instant.now() : BodyFields.parseDateTime(cs, "completed_since");
        Instant modifiedSince = ms == null ? null : BodyFields.parseDateTime(ms, "modified_since");
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            if (completedSince != null && t.completed && t.completedAt.isBefore(completedSince)) {
                continue;
            }
            if (modifiedSince != null && t.modifiedAt.isBefore(modifiedSince)) {
                continue;
            }
            out.add(t);
        }
        return out;
    }
}
