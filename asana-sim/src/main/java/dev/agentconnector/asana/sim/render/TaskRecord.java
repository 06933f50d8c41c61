package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Task;

/** JSON shape of tasks (TaskCompact / TaskResponse). */
public final class TaskRecord {
    /** How a task's parent is written by default. */
    private static final Selection PARENT = Selection.of("resource_type", "name", "resource_subtype");

    /** The task schema. */
    public static final RecordSchema<Task> SCHEMA = RecordSchema.<Task>entity("task", t -> t.gid)
            .string("name", t -> t.name)
            .string("resource_subtype", t -> t.resourceSubtype)
            .ref("created_by", t -> t.createdBy, () -> UserRecord.SCHEMA, Selection.REF, Selection.REF)
            .alwaysNull("actual_time_minutes")
            .optional("approval_status", t -> "approval".equals(t.resourceSubtype),
                    (t, g, s, c) -> g.writeString(t.approvalStatus))
            .ref("assignee", t -> t.assignee, () -> UserRecord.SCHEMA)
            .optional("assignee_status", t -> t.assignee != null, (t, g, s, c) -> g.writeString("upcoming"))
            .alwaysNull("assignee_section")
            .bool("completed", t -> t.completed)
            .instant("completed_at", t -> t.completedAt)
            .ref("completed_by", t -> t.completedBy, () -> UserRecord.SCHEMA)
            .instant("created_at", t -> t.createdAt)
            .emptyArray("custom_fields")
            .alwaysNull("custom_type")
            .alwaysNull("custom_type_status_option")
            .refs("dependencies", t -> t.dependencies, () -> TaskRecord.SCHEMA, Selection.REF, Selection.REF)
            .refs("dependents", t -> t.dependents, () -> TaskRecord.SCHEMA, Selection.REF, Selection.REF)
            .instant("due_at", t -> t.dueAt)
            .date("due_on", t -> t.dueOn)
            .refs("followers", t -> t.followers, () -> UserRecord.SCHEMA)
            .bool("hearted", t -> false)
            .emptyArray("hearts")
            .string("html_notes", t -> Html.fromText(t.notes))
            .bool("is_rendered_as_separator", t -> false)
            .bool("liked", t -> false)
            .emptyArray("likes")
            .refs("memberships", t -> t.memberships.entrySet(), () -> MembershipRecord.SCHEMA,
                    Selection.FULL, Selection.FULL)
            .instant("modified_at", t -> t.modifiedAt)
            .string("notes", t -> t.notes)
            .number("num_hearts", t -> 0L)
            .number("num_likes", t -> 0L)
            .number("num_subtasks", t -> (long) t.subtasks.size())
            .ref("parent", t -> t.parent, () -> TaskRecord.SCHEMA, PARENT, Selection.REF)
            .field("permalink_url", (t, g, s, c) -> g.writeString(c.origin() + "/0/0/" + t.gid))
            .refs("projects", t -> t.memberships.keySet(), () -> ProjectRecord.SCHEMA)
            .instant("start_at", t -> t.startAt)
            .date("start_on", t -> t.startOn)
            .refs("tags", t -> t.tags, () -> TagRecord.SCHEMA)
            .ref("workspace", t -> t.workspace, () -> WorkspaceRecord.SCHEMA)
            .compact("resource_type", "name", "resource_subtype", "created_by")
            .full("resource_type", "name", "resource_subtype", "created_by", "actual_time_minutes",
                    "approval_status", "assignee", "assignee_status", "assignee_section", "completed",
                    "completed_at", "completed_by", "created_at", "custom_fields", "due_at", "due_on", "followers",
                    "hearted", "hearts", "html_notes", "is_rendered_as_separator", "liked", "likes", "memberships",
                    "modified_at", "notes", "num_hearts", "num_likes", "num_subtasks", "parent", "permalink_url",
                    "projects", "start_at", "start_on", "tags", "workspace")
            .build();

    private TaskRecord() {
    }
}
