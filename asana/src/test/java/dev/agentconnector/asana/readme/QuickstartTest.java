package dev.agentconnector.asana.readme;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java example is this package's Quickstart, compiled by the build and run against the simulator. */
class QuickstartTest {
    private static Path repoFile(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(name))) {
            dir = dir.getParent();
        }
        assertThat(dir).as(name + " not found above the working directory").isNotNull();
        return dir.resolve(name);
    }

    private static String between(String text, String begin, String end) {
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertThat(b).as("marker " + begin).isNotNegative();
        assertThat(e).as("marker " + end).isGreaterThan(b);
        return text.substring(text.indexOf('\n', b) + 1, e).strip();
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String source = Files.readString(repoFile("asana/src/test/java/dev/agentconnector/asana/readme/Quickstart.java"));
        String example = between(source, "// README:quickstart:begin", "// README:quickstart:end");
        String readme = Files.readString(repoFile("README.md"));
        assertThat(readme).contains("```java\n" + example + "\n```");
    }

    @Test
    void theExampleRunsAgainstTheSimulator() {
        try (AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start();
             AsanaConnector asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                     ConnectorOptions.builder().baseUrl(sim.baseUrl()).build())) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                Quickstart.printMyTasks(asana);
            } finally {
                System.setOut(old);
            }
            assertThat(buf.toString(StandardCharsets.UTF_8).lines()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        }
    }
}
