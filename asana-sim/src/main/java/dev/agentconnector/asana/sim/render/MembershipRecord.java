package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;

import java.util.Map;

/** JSON shape of a task's project membership: {@code {"project": ..., "section": ...}}. */
public final class MembershipRecord {
    /** The membership schema. */
    public static final RecordSchema<Map.Entry<Project, Section>> SCHEMA =
            RecordSchema.<Map.Entry<Project, Section>>value()
                    .ref("project", Map.Entry::getKey, () -> ProjectRecord.SCHEMA)
                    .ref("section", Map.Entry::getValue, () -> SectionRecord.SCHEMA)
                    .full("project", "section")
                    .compact("project", "section")
                    .build();

    private MembershipRecord() {
    }
}
