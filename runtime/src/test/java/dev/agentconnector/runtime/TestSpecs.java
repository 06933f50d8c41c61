package dev.agentconnector.runtime;

import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.SpecLoader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Specs for runtime tests. */
public final class TestSpecs {
    private TestSpecs() {
    }

    /** The small demo spec in test resources. */
    public static ConnectorSpec demo() {
        return SpecLoader.fromResource(TestSpecs.class, "/test-spec.yaml");
    }

    /** A spec parsed from text. */
    public static ConnectorSpec parse(String yaml) {
        return SpecLoader.fromStream(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yaml");
    }
}
