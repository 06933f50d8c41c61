package dev.agentconnector.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.openapi.ReferenceFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hosted API's documented curl examples (the platform's connector set-up guide, kept in {@code e2e/curl/}), run
 * with the real curl against our service: only the host and the placeholders change. Where the guide itself is
 * present, a test checks that the kept copies are still its examples.
 */
class CurlExamplesTest {
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> FILES = List.of("create-connector-oauth.sh", "create-connector-token.sh",
            "execute.sh");
    private static Stack stack;
    private static List<String> examples;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed (apt-get install curl)");
        examples = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = CurlExamplesTest.class.getResourceAsStream("curl/" + file)) {
                assertThat(in).as("test resource e2e/curl/" + file).isNotNull();
                examples.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        stack = new Stack(dev.agentconnector.server.ServerConfig.builder());
    }

    @Test
    void keptExamplesAreTheGuidesExamples() throws Exception {
        Path guide = ReferenceFiles.find(ReferenceFiles.SEED).orElse(null);
        assumeTrue(guide != null, () -> ReferenceFiles.notFound(ReferenceFiles.SEED));
        List<String> inGuide = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(Files.readString(guide));
        while (m.find()) {
            inGuide.add(m.group(1));
        }
        assertThat(examples).as("e2e/curl/ against the bash blocks of %s, in order", guide)
                .containsExactlyElementsOf(inGuide);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String run(String script, Map<String, String> values) throws Exception {
        String s = script.replace("https://api.airbyte.ai", stack.server.baseUrl());
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        assertThat(s).doesNotContain("<").as("every placeholder filled");
        Process p = new ProcessBuilder("bash", "-c", s).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl exit").isZero();
        return out;
    }

    @Test
    void createWithTokenThenExecuteAsWritten() throws Exception {
        String scoped = stack.post("/api/v1/account/applications/scoped-token", stack.appToken(),
                "{\"workspace_name\":\"customer-42\"}").get("token").asText();
        String tokenExample = examples.stream().filter(e -> e.contains("\"token\":")).findFirst().orElseThrow();
        String created = run(tokenExample, Map.of("<SCOPED_TOKEN>", scoped, "<EXTERNAL_USER_ID>", "customer-42",
                "<Your Asana Personal Access Token. Generate one at https://app.asana.com/0/my-apps>",
                stack.sim.personalAccessToken()));
        JsonNode connector = Stack.JSON.readTree(created);
        assertThat(connector.get("id").asText()).as(created).isNotBlank();
        assertThat(created).doesNotContain(stack.sim.personalAccessToken());

        String executeExample = examples.stream().filter(e -> e.contains("/execute")).findFirst().orElseThrow();
        String result = run(executeExample, Map.of("<SCOPED_TOKEN>", scoped, "<connector_id>",
                connector.get("id").asText(), "<entity>", "workspaces", "<action>", "list"));
        JsonNode json = Stack.JSON.readTree(result);
        assertThat(json.get("status").asText()).as(result).isEqualTo("success");
        assertThat(json.get("result").size()).isPositive();
    }

    @Test
    void createWithOAuthCredentialsAsWritten() throws Exception {
        String scoped = stack.post("/api/v1/account/applications/scoped-token", stack.appToken(),
                "{\"workspace_name\":\"customer-7\"}").get("token").asText();
        String oauthExample = examples.stream().filter(e -> e.contains("\"refresh_token\":")).findFirst().orElseThrow();
        String created = run(oauthExample, Map.of("<SCOPED_TOKEN>", scoped, "<EXTERNAL_USER_ID>", "customer-7",
                "<OAuth access token for API requests>", stack.sim.issueAccessToken(),
                "<OAuth refresh token for automatic token renewal>", stack.sim.refreshToken(),
                "<Connected App Consumer Key>", stack.sim.clientId(),
                "<Connected App Consumer Secret>", stack.sim.clientSecret()));
        JsonNode connector = Stack.JSON.readTree(created);
        assertThat(connector.get("id").asText()).as(created).isNotBlank();
        assertThat(created).doesNotContain(stack.sim.refreshToken()).doesNotContain(stack.sim.clientSecret());
    }
}
