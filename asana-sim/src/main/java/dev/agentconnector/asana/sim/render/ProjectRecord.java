package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Project;

/** JSON shape of projects (ProjectCompact / ProjectResponse). */
public final class ProjectRecord {
    /** The project schema. */
    public static final RecordSchema<Project> SCHEMA = RecordSchema.<Project>entity("project", p -> p.gid)
            .string("name", p -> p.name)
            .bool("archived", p -> p.archived)
            .string("color", p -> p.color)
            .alwaysNull("icon")
            .bool("completed", p -> p.completed)
            .instant("completed_at", p -> p.completedAt)
            .alwaysNull("completed_by")
            .instant("created_at", p -> p.createdAt)
            .alwaysNull("current_status")
            .alwaysNull("current_status_update")
            .emptyArray("custom_fields")
            .emptyArray("custom_field_settings")
            .string("default_view", p -> p.defaultView)
            .date("due_date", p -> p.dueOn)
            .date("due_on", p -> p.dueOn)
            .refs("followers", p -> p.followers, () -> UserRecord.SCHEMA)
            .string("html_notes", p -> Html.fromText(p.notes))
            .refs("members", p -> p.members, () -> UserRecord.SCHEMA)
            .instant("modified_at", p -> p.modifiedAt)
            .string("notes", p -> p.notes)
            .ref("owner", p -> p.owner, () -> UserRecord.SCHEMA)
            .field("permalink_url", (p, g, s, c) -> g.writeString(c.origin() + "/0/" + p.gid + "/list"))
            .string("privacy_setting", p -> p.privacySetting)
            .bool("public", p -> !"private".equals(p.privacySetting))
            .date("start_on", p -> p.startOn)
            .string("default_access_level", p -> "editor")
            .string("minimum_access_level_for_customization", p -> "editor")
            .string("minimum_access_level_for_sharing", p -> "editor")
            .alwaysNull("project_brief")
            .alwaysNull("created_from_template")
            .optional("team", p -> p.team != null, (p, g, s, c) -> TeamRecord.SCHEMA.write(p.team, g, s, c))
            .ref("workspace", p -> p.workspace, () -> WorkspaceRecord.SCHEMA)
            .compact("resource_type", "name")
            .full("resource_type", "name", "archived", "color", "completed", "completed_at", "completed_by",
                    "created_at", "current_status", "current_status_update", "custom_fields",
                    "custom_field_settings", "default_view", "due_date", "due_on", "followers", "html_notes",
                    "icon", "members", "modified_at", "notes", "owner", "permalink_url", "privacy_setting",
                    "public", "start_on", "default_access_level", "minimum_access_level_for_customization",
                    "minimum_access_level_for_sharing", "project_brief", "created_from_template", "team",
                    "workspace")
            .build();

    private ProjectRecord() {
    }
}
