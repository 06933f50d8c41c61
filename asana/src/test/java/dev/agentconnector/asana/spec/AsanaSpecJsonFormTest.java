package dev.agentconnector.asana.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The build stores asana.yaml parsed as asana.yaml.json; the connector's spec read from it equals the YAML's. */
class AsanaSpecJsonFormTest {
    @Test
    void theBuildWroteACurrentJsonFormAndItGivesTheSameSpecAsTheYaml() throws Exception {
        byte[] yaml;
        try (InputStream in = AsanaSpec.class.getResourceAsStream("asana.yaml")) {
            yaml = in.readAllBytes();
        }
        JsonNode stored = SpecLoader.storedTree(AsanaSpec.class, "asana.yaml", yaml);
        assertThat(stored).as("asana.yaml.json, written by the build from this asana.yaml").isNotNull()
                .isEqualTo(SpecLoader.yamlTree(yaml, "asana.yaml"));
        assertThat(AsanaSpec.get()).isEqualTo(SpecLoader.fromStream(new ByteArrayInputStream(yaml), "asana.yaml"));
    }
}
