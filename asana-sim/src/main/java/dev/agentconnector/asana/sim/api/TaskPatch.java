package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.render.Html;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The editable task fields of a create or update body, validated completely before anything is changed. */
final class TaskPatch {
    private String name;
    private String notes;
    private boolean assigneeSet;
    private User assignee;
    private boolean dueSet;
    private LocalDate dueOn;
    private Instant dueAt;
    private boolean startSet;
    private LocalDate startOn;
    private Instant startAt;
    private Boolean completed;
    private String subtype;
    private String approvalStatus;

    private TaskPatch() {
    }

    /** Parses and validates the fields; user references resolve {@code me} to {@code meGid}. */
    static TaskPatch parse(Store store, ObjectNode d, String meGid) {
        TaskPatch p = new TaskPatch();
        if (d.has("name")) {
            String n = BodyFields.string(d, "name");
            p.name = n == null ? "" : n;
        }
        if (d.has("html_notes")) {
            String html = BodyFields.string(d, "html_notes");
            if (html != null && !Html.isValid(html)) {
                throw ApiException.badRequest("html_notes: XML is invalid");
            }
            p.notes = html == null ? "" : Html.toText(html);
        } else if (d.has("notes")) {
            String n = BodyFields.string(d, "notes");
            p.notes = n == null ? "" : n;
        }
        if (d.has("assignee")) {
            p.assigneeSet = true;
            String a = BodyFields.string(d, "assignee");
            p.assignee = a == null || a.isEmpty() ? null : Lookups.refUser(store, a, "assignee", meGid);
        }
        boolean hasDueOn = d.has("due_on") && !BodyFields.isNull(d, "due_on");
        boolean hasDueAt = d.has("due_at") && !BodyFields.isNull(d, "due_at");
        if (hasDueOn && hasDueAt) {
            throw ApiException.badRequest("You may only provide one of due_on or due_at");
        }
        if (d.has("due_on") || d.has("due_at")) {
            p.dueSet = true;
            p.dueAt = BodyFields.dateTime(d, "due_at");
            p.dueOn = p.dueAt != null ? p.dueAt.atZone(ZoneOffset.UTC).toLocalDate() : BodyFields.date(d, "due_on");
        }
        boolean hasStartOn = d.has("start_on") && !BodyFields.isNull(d, "start_on");
        boolean hasStartAt = d.has("start_at") && !BodyFields.isNull(d, "start_at");
        if (hasStartOn && hasStartAt) {
            throw ApiException.badRequest("You may only provide one of start_on or start_at");
        }
        if (d.has("start_on") || d.has("start_at")) {
            p.startSet = true;
            p.startAt = BodyFields.dateTime(d, "start_at");
            p.startOn = p.startAt != null ? p.startAt.atZone(ZoneOffset.UTC).toLocalDate()
                    : BodyFields.date(d, "start_on");
        }
        p.completed = BodyFields.bool(d, "completed");
        p.subtype = BodyFields.oneOf(d, "resource_subtype", Palette.TASK_SUBTYPES);
        p.approvalStatus = BodyFields.oneOf(d, "approval_status", Palette.APPROVAL);
        return p;
    }

    /** Checks cross-field rules against the task's current values; call before {@link #apply}. */
    void check(Task t) {
        LocalDate due = dueSet ? dueOn : t.dueOn;
        LocalDate start = startSet ? startOn : t.startOn;
        if (start != null && due == null) {
            throw ApiException.badRequest("start_on: A task with a start date must also have a due date");
        }
        if (start != null && start.isAfter(due)) {
            throw ApiException.badRequest("start_on: The start date must be on or before the due date");
        }
    }

    /** Applies the fields to the task on behalf of {@code actor}. */
    void apply(Task t, User actor, Instant now) {
        if (name != null) {
            t.name = name;
        }
        if (notes != null) {
            t.notes = notes;
        }
        if (assigneeSet) {
            t.assignee = assignee;
        }
        if (dueSet) {
            t.dueOn = dueOn;
            t.dueAt = dueAt;
        }
        if (startSet) {
            t.startOn = startOn;
            t.startAt = startAt;
        }
        if (subtype != null) {
            t.resourceSubtype = subtype;
        }
        if (approvalStatus != null) {
            t.approvalStatus = approvalStatus;
        }
        if (completed != null && completed != t.completed) {
            t.completed = completed;
            t.completedAt = completed ? now : null;
            t.completedBy = completed ? actor : null;
        }
        t.modifiedAt = now;
    }
}
