package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Team;

/** JSON shape of teams (TeamCompact / TeamResponse). */
public final class TeamRecord {
    /** The team schema. */
    public static final RecordSchema<Team> SCHEMA = RecordSchema.<Team>entity("team", t -> t.gid)
            .string("name", t -> t.name)
            .string("description", t -> t.description)
            .string("html_description", t -> Html.fromText(t.description))
            .ref("organization", t -> t.organization, () -> WorkspaceRecord.SCHEMA)
            .field("permalink_url", (t, g, s, c) -> g.writeString(c.origin() + "/0/" + t.gid + "/list"))
            .string("visibility", t -> t.visibility)
            .compact("resource_type", "name")
            .full("resource_type", "name", "description", "html_description", "organization", "permalink_url",
                    "visibility")
            .build();

    private TeamRecord() {
    }
}
