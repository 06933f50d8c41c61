package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --sandbox} as a newcomer runs it: works at once, and leaves nothing behind unless asked to keep data. */
class ServeSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A running {@code serve --sandbox}: its ready line, the lines it printed after it, and the process. */
    private record Sandbox(Process process, JsonNode ready, List<String> guide) {
    }

    private static Sandbox start(Path cwd, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--sandbox", "--port", "0"));
        args.addAll(List.of(extra));
        Process p = CliProcess.builder(Map.of(), args.toArray(String[]::new)).directory(cwd.toFile())
                .redirectError(cwd.resolve("serve.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        JsonNode ready = JSON.readTree(out.readLine());
        List<String> guide = new ArrayList<>();
        for (String line = out.readLine(); line != null && !line.contains("/execute"); line = out.readLine()) {
            guide.add(line);
        }
        return new Sandbox(p, ready, guide);
    }

    private static void stop(Sandbox s) throws Exception {
        s.process().destroy(); // SIGTERM, as Ctrl-C
        assertThat(s.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private JsonNode post(String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    @Test
    void aSandboxWithoutDataDirWorksAndLeavesNothingBehind(@TempDir Path cwd) throws Exception {
        Sandbox s = start(cwd);
        JsonNode ready = s.ready();
        String api = ready.get("api_url").asText();
        String dataDir = ready.get("data_dir").asText();
        assertThat(dataDir).endsWith("(removed at exit)");
        Path tmp = Path.of(dataDir.substring(0, dataDir.indexOf(" (removed")));
        assertThat(tmp).isDirectory();
        for (String field : List.of("asana_base_url", "asana_oauth_client_id", "asana_oauth_client_secret",
                "asana_oauth_refresh_token", "client_id", "client_secret", "organization_id")) {
            assertThat(ready.path(field).asText()).as(field).isNotBlank();
        }

        // the printed token line works as printed, with nothing but bash, curl and sed
        int at = s.guide().indexOf(s.guide().stream().filter(l -> l.startsWith("TOKEN=")).findFirst().orElseThrow());
        String tokenLines = String.join("\n", s.guide().subList(at, at + 2)); // TOKEN=$(curl ... \ / -d ... | sed)
        Process shell = new ProcessBuilder("bash", "-c", tokenLines + "\necho \"$TOKEN\"").start();
        String token = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(shell.waitFor()).isZero();
        assertThat(token).startsWith("v1.");

        JsonNode connector = post(api + "/api/v1/integrations/connectors", token, "{\"external_user_id\":\"demo\","
                + "\"connector_type\":\"Asana\",\"credentials\":{\"refresh_token\":\""
                + ready.get("asana_oauth_refresh_token").asText() + "\",\"client_id\":\""
                + ready.get("asana_oauth_client_id").asText() + "\",\"client_secret\":\""
                + ready.get("asana_oauth_client_secret").asText() + "\"}}");
        JsonNode run = post(api + "/api/v1/integrations/connectors/" + connector.get("id").asText() + "/execute",
                token, "{\"entity\":\"workspaces\",\"action\":\"list\",\"params\":{}}");
        assertThat(run.get("status").asText()).isEqualTo("success");

        stop(s);
        assertThat(tmp).doesNotExist();
        assertThat(cwd.resolve("asana-agent-data")).doesNotExist();
        assertThat(Files.readString(cwd.resolve("serve.err"))).doesNotContain("back it up");
    }

    @Test
    void aSandboxOnADataDirKeepsOneOrganizationAcrossRestarts(@TempDir Path cwd) throws Exception {
        Path data = cwd.resolve("kept");
        Sandbox first = start(cwd, "--data-dir", data.toString());
        stop(first);
        Sandbox second = start(cwd, "--data-dir", data.toString());
        stop(second);
        assertThat(second.ready().get("organization_id").asText())
                .isEqualTo(first.ready().get("organization_id").asText());
        assertThat(second.ready().get("client_id").asText()).isNotEqualTo(first.ready().get("client_id").asText());
        assertThat(data).isDirectory();
        assertThat(data.resolve("asana-agent.db")).exists();
    }
}
