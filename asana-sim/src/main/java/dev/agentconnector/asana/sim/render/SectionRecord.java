package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Section;

import java.util.List;

/** JSON shape of sections (SectionCompact / SectionResponse). */
public final class SectionRecord {
    /** The section schema. */
    public static final RecordSchema<Section> SCHEMA = RecordSchema.<Section>entity("section", s -> s.gid)
            .string("name", s -> s.name)
            .instant("created_at", s -> s.createdAt)
            .ref("project", s -> s.project, () -> ProjectRecord.SCHEMA)
            .refs("projects", s -> List.of(s.project), () -> ProjectRecord.SCHEMA)
            .compact("resource_type", "name")
            .full("resource_type", "name", "created_at", "project", "projects")
            .build();

    private SectionRecord() {
    }
}
