package dev.agentconnector.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.TestSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build-time JSON form of a YAML spec: the same tree, used only while it matches the YAML. */
class SpecJsonFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] demoYaml() throws Exception {
        try (InputStream in = TestSpecs.class.getResourceAsStream("/test-spec.yaml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void buildStepWritesTheYamlTreeAndTheFormLoadsToTheSameSpec(@TempDir Path dir) throws Exception {
        byte[] yaml = demoYaml();
        Path file = dir.resolve("demo.yaml");
        Files.write(file, yaml);
        SpecLoader.main(new String[] {file.toString()});
        Path json = dir.resolve("demo.yaml.json");
        assertThat(json).exists();

        JsonNode stored = SpecLoader.storedTree(Files.newInputStream(json), yaml);
        assertThat(stored).isEqualTo(SpecLoader.yamlTree(yaml, "demo.yaml"));
        assertThat(new SpecLoader.Reader("demo.yaml").read(stored)).isEqualTo(TestSpecs.demo());
    }

    @Test
    void aFormMadeFromOtherYamlIsIgnored(@TempDir Path dir) throws Exception {
        byte[] yaml = demoYaml();
        Path file = dir.resolve("demo.yaml");
        Files.write(file, yaml);
        SpecLoader.main(new String[] {file.toString()});
        byte[] json = Files.readAllBytes(dir.resolve("demo.yaml.json"));

        byte[] edited = (new String(yaml, StandardCharsets.UTF_8) + "\n# edited\n").getBytes(StandardCharsets.UTF_8);
        assertThat(SpecLoader.storedTree(new ByteArrayInputStream(json), edited)).isNull();
        byte[] sameLength = yaml.clone();
        sameLength[sameLength.length - 2] ^= 1;
        assertThat(SpecLoader.storedTree(new ByteArrayInputStream(json), sameLength)).isNull();
        assertThat(SpecLoader.storedTree(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), yaml))
                .isNull();
        assertThat(SpecLoader.storedTree(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)),
                yaml)).isNull();
    }

    @Test
    void theStoredTreeIsCheckedLikeYaml(@TempDir Path dir) throws Exception {
        byte[] yaml = demoYaml();
        Path file = dir.resolve("demo.yaml");
        Files.write(file, yaml);
        SpecLoader.main(new String[] {file.toString()});
        ObjectNode stored = (ObjectNode) JSON.readTree(dir.resolve("demo.yaml.json").toFile());
        ((ObjectNode) stored.get("spec")).put("colour", "blue");
        JsonNode tree = SpecLoader.storedTree(new ByteArrayInputStream(JSON.writeValueAsBytes(stored)), yaml);
        assertThatThrownBy(() -> new SpecLoader.Reader("demo.yaml").read(tree)).isInstanceOf(SpecException.class)
                .hasMessageContaining("top level: unknown key 'colour'");
    }

    @Test
    void buildStepRejectsAnInvalidSpec(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "connector: x\nversion: \"1\"\nbase_url: http://h\nentities: {}\n");
        assertThatThrownBy(() -> SpecLoader.main(new String[] {file.toString()}))
                .isInstanceOf(SpecException.class).hasMessageContaining("bad.yaml: no entities");
        assertThat(dir.resolve("bad.yaml.json")).doesNotExist();
    }
}
