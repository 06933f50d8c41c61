package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone entry point and its ready line. */
class SimulatorMainTest {

    @Test
    void readyLineCarriesUrlsAndCredentials() throws Exception {
        try (AsanaSimulator sim = AsanaSimulator.builder().build().start()) {
            String line = SimulatorMain.readyLine(sim);
            assertThat(line).doesNotContain("\n");
            JsonNode j = SimHttp.MAPPER.readTree(line);
            assertThat(j.get("base_url").asText()).isEqualTo(sim.baseUrl());
            assertThat(j.get("token_url").asText()).isEqualTo(sim.tokenUrl());
            assertThat(j.get("authorize_url").asText()).isEqualTo(sim.authorizeUrl());
            assertThat(j.get("personal_access_token").asText()).isEqualTo(sim.personalAccessToken());
            assertThat(j.get("client_id").asText()).isEqualTo(sim.clientId());
            assertThat(j.get("client_secret").asText()).isEqualTo(sim.clientSecret());
            assertThat(j.get("refresh_token").asText()).isEqualTo(sim.refreshToken());
            assertThat(j.get("workspace_gid").asText()).isEqualTo(sim.workspaceGid());
            assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/1\\.0");
        }
    }

    @Test
    void processPrintsOneJsonLineAndStopsOnSigterm() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SimulatorMain.class.getName(), "--port", "0", "--seed", "3"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            JsonNode ready = SimHttp.MAPPER.readTree(out.readLine());
            SimHttp client = new SimHttp(ready.get("base_url").asText(), ready.get("personal_access_token").asText());
            assertThat(client.get("/users/me").status()).isEqualTo(200);
            p.destroy();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badTasksPerProjectIsAUsageError() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        for (List<String> args : List.of(List.of("--tasks-per-project", "0"), List.of("--tasks-per-project", "x"),
                List.of("--scale", "2", "--tasks-per-project", "150000"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                    System.getProperty("java.class.path"), SimulatorMain.class.getName(), "--port", "0"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isEqualTo(2);
            assertThat(err).startsWith("error: ").doesNotContain("Exception");
        }
    }
}
