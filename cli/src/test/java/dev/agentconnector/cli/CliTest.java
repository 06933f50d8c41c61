package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.sim.AsanaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AsanaSimulator sim;
    private static Map<String, String> env;

    @BeforeAll
    static void start() {
        sim = AsanaSimulator.builder().seed(42).build().start();
        env = Map.of("ASANA_TOKEN", sim.personalAccessToken(), "ASANA_BASE_URL", sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void executePrintsTheEnvelopeOnStdoutOnly() throws Exception {
        CliProcess.Result r = CliProcess.run(env, "execute", "tasks", "get", "-p", "task_gid=" + sim.fixtures().taskGid());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.get("success").asBoolean()).isTrue();
        assertThat(out.get("data").get("gid").asText()).isEqualTo(sim.fixtures().taskGid());
        assertThat(out.has("meta")).isTrue();
        assertThat(out.get("error").isNull()).isTrue();
    }

    @Test
    void paramsFromJsonAndPairsCombine() throws Exception {
        CliProcess.Result r = CliProcess.run(env, "execute", "--compact", "tasks", "create",
                "--params", "{\"data\":{\"workspace\":\"" + sim.workspaceGid() + "\"}}", "-p", "data.name=From the CLI",
                "-p", "data.completed=true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode data = JSON.readTree(r.out()).get("data");
        assertThat(data.get("name").asText()).isEqualTo("From the CLI");
        assertThat(data.get("completed").asBoolean()).isTrue();
    }

    @Test
    void listsCarryNextPage() throws Exception {
        CliProcess.Result r = CliProcess.run(env, "execute", "project_tasks", "list",
                "-p", "project_gid=" + sim.fixtures().projectGid(), "-p", "limit=2");
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.get("data")).hasSize(2);
        assertThat(out.get("meta").get("next_page").get("offset").asText()).isNotBlank();
    }

    @Test
    void validationErrorsExitTwoWithTheFixAndNoStackTrace() throws Exception {
        CliProcess.Result r = CliProcess.run(env, "execute", "project_tasks", "list",
                "-p", "project_gid=" + sim.fixtures().projectGid(), "-p", "limt=2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown param 'limt' (did you mean 'limit'?)").doesNotContain("\tat ");
        assertThat(JSON.readTree(r.out()).get("success").asBoolean()).isFalse();

        r = CliProcess.run(env, "execute", "taks", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("did you mean 'tasks'?");

        r = CliProcess.run(env, "execute", "tasks", "get", "--params", "{not json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--params is not valid JSON").doesNotContain("\tat ");
    }

    @Test
    void asanaErrorsExitOne() throws Exception {
        CliProcess.Result r = CliProcess.run(env, "execute", "tasks", "get", "-p", "task_gid=1999999999999999");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("tasks.get: Asana answered 404 Not Found");
    }

    @Test
    void withoutCredentialsTheErrorNamesTheVariables() throws Exception {
        CliProcess.Result r = CliProcess.run(Map.of(), "execute", "workspaces", "list");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("ASANA_TOKEN").contains("ASANA_REFRESH_TOKEN").contains("ASANA_CLIENT_ID")
                .contains("--sandbox");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void oauthCredentialsFromTheEnvironmentWork() throws Exception {
        CliProcess.Result r = CliProcess.run(Map.of("ASANA_REFRESH_TOKEN", sim.refreshToken(),
                "ASANA_CLIENT_ID", sim.clientId(), "ASANA_CLIENT_SECRET", sim.clientSecret(),
                "ASANA_BASE_URL", sim.baseUrl(), "ASANA_TOKEN_URL", sim.tokenUrl()), "execute", "users", "get",
                "-p", "user_gid=me");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(sim.refreshToken()).doesNotContain(sim.clientSecret());
        assertThat(r.err()).doesNotContain(sim.refreshToken()).doesNotContain(sim.clientSecret());
    }

    @Test
    void sandboxNeedsNoAccount() throws Exception {
        CliProcess.Result r = CliProcess.run(Map.of(), "execute", "--sandbox", "workspaces", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("data").size()).isGreaterThan(0);
        assertThat(r.err()).contains("sandbox: simulated Asana");
    }

    @Test
    void downloadWritesTheFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("file.bin");
        CliProcess.Result r = CliProcess.run(env, "execute", "attachments", "download",
                "-p", "attachment_gid=" + sim.fixtures().attachmentGid(), "--output", target.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode data = JSON.readTree(r.out()).get("data");
        assertThat(Files.size(target)).isEqualTo(data.get("bytes_written").asLong()).isPositive();
        r = CliProcess.run(env, "execute", "attachments", "download",
                "-p", "attachment_gid=" + sim.fixtures().attachmentGid(), "--output", target.toString());
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("already exists; pass --overwrite");
        r = CliProcess.run(env, "execute", "attachments", "download", "-p", "attachment_gid=1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("add --output PATH");
    }

    @Test
    void describeShowsParams() throws Exception {
        CliProcess.Result r = CliProcess.run(Map.of(), "describe");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("tasks").contains("workspace_memberships");
        r = CliProcess.run(Map.of(), "describe", "attachments");
        assertThat(r.out()).contains("parent*").contains("range_header");
        r = CliProcess.run(Map.of(), "describe", "--json", "tasks");
        assertThat(JSON.readTree(r.out()).get("entities").get(0).get("actions")).isNotEmpty();
    }

    @Test
    void everySubcommandHasHelp() throws Exception {
        for (String sub : new String[] {"execute", "describe", "sim"}) {
            CliProcess.Result r = CliProcess.run(Map.of(), sub, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: asana-agent " + sub);
        }
        assertThat(CliProcess.run(Map.of(), "--help").out()).contains("execute").contains("describe").contains("sim");
    }

    @Test
    void simPrintsOneReadyLineThenServes() throws Exception {
        Process p = CliProcess.builder(Map.of(), "sim", "--seed", "7").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode ready = JSON.readTree(out.readLine());
            for (String key : new String[] {"base_url", "token_url", "personal_access_token", "client_id",
                    "client_secret", "refresh_token", "workspace_gid"}) {
                assertThat(ready.hasNonNull(key)).as(key).isTrue();
            }
            CliProcess.Result r = CliProcess.run(Map.of("ASANA_TOKEN", ready.get("personal_access_token").asText(),
                    "ASANA_BASE_URL", ready.get("base_url").asText()), "execute", "workspaces", "get",
                    "-p", "workspace_gid=" + ready.get("workspace_gid").asText());
            assertThat(r.exit()).as(r.err()).isZero();
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void adminListsRotatesAndRevokesApplications(@TempDir Path dir) throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(CliProcess.run(Map.of(), "admin", "create-organization", "acme", "--data-dir", data).exit()).isZero();
        JsonNode app = JSON.readTree(CliProcess.run(Map.of(), "admin", "create-application", "--organization", "acme",
                "--data-dir", data).out());
        String id = app.get("application_id").asText();

        CliProcess.Result list = CliProcess.run(Map.of(), "admin", "list-applications", "--data-dir", data);
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode listed = JSON.readTree(list.out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("application_id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("active");
        assertThat(list.out()).doesNotContain(app.get("client_secret").asText());

        CliProcess.Result hosts = CliProcess.run(Map.of(), "admin", "redirect-hosts", "--organization", "acme",
                "--add", "App.Example.com", "--add", "ops.example", "--data-dir", data);
        assertThat(hosts.exit()).as(hosts.err()).isZero();
        assertThat(JSON.readTree(hosts.out()).get("hosts").toString()).isEqualTo("[\"app.example.com\",\"ops.example\"]");
        CliProcess.Result badHost = CliProcess.run(Map.of(), "admin", "redirect-hosts", "--organization", "acme",
                "--add", "https://x.example/", "--data-dir", data);
        assertThat(badHost.exit()).isEqualTo(2);
        assertThat(badHost.err()).contains("no scheme, port or path");

        CliProcess.Result rotated = CliProcess.run(Map.of(), "admin", "rotate-secret", id, "--data-dir", data);
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(JSON.readTree(rotated.out()).get("client_secret").asText()).isNotBlank()
                .isNotEqualTo(app.get("client_secret").asText());

        CliProcess.Result revoked = CliProcess.run(Map.of(), "admin", "revoke-application", id, "--data-dir", data);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(JSON.readTree(revoked.out()).get("status").asText()).isEqualTo("revoked");
        CliProcess.Result twice = CliProcess.run(Map.of(), "admin", "revoke-application", id, "--data-dir", data);
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("already revoked");
        assertThat(JSON.readTree(CliProcess.run(Map.of(), "admin", "list-applications", "--organization", "acme",
                "--data-dir", data).out()).get(0).get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void simTasksPerProjectSizesEveryProject() throws Exception {
        CliProcess.Result help = CliProcess.run(Map.of(), "sim", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--tasks-per-project=N").contains("(default: 24)");
        for (String bad : new String[] {"0", "-3", "200001"}) {
            CliProcess.Result r = CliProcess.run(Map.of(), "sim", "--tasks-per-project", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("tasks").doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliProcess.Result tooMany = CliProcess.run(Map.of(), "sim", "--scale", "3", "--tasks-per-project", "100000");
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.err()).contains("would generate 3,000,000 tasks in 30 projects");

        Process p = CliProcess.builder(Map.of(), "sim", "--tasks-per-project", "250").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode ready = JSON.readTree(out.readLine());
            Map<String, String> simEnv = Map.of("ASANA_TOKEN", ready.get("personal_access_token").asText(),
                    "ASANA_BASE_URL", ready.get("base_url").asText());
            CliProcess.Result projects = CliProcess.run(simEnv, "execute", "projects", "list",
                    "-p", "workspace=" + ready.get("workspace_gid").asText(), "-p", "limit=1");
            assertThat(projects.exit()).as(projects.err()).isZero();
            String project = JSON.readTree(projects.out()).get("data").get(0).get("gid").asText();
            CliProcess.Result tasks = CliProcess.run(simEnv, "execute", "project_tasks", "list",
                    "-p", "project_gid=" + project, "-p", "fetch_all=true");
            assertThat(tasks.exit()).as(tasks.err()).isZero();
            assertThat(JSON.readTree(tasks.out()).get("data")).hasSize(250);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void adminBootstrapsTenantsThenServeExecutes(@TempDir Path dir) throws Exception {
        String data = dir.resolve("data").toString();
        CliProcess.Result org = CliProcess.run(Map.of(), "admin", "create-organization", "acme", "--data-dir", data);
        assertThat(org.exit()).as(org.err()).isZero();
        assertThat(JSON.readTree(org.out()).get("organization_id").asText()).isNotBlank();
        CliProcess.Result app = CliProcess.run(Map.of(), "admin", "create-application", "--organization", "acme",
                "--data-dir", data);
        JsonNode credentials = JSON.readTree(app.out());
        assertThat(credentials.get("client_secret").asText()).isNotBlank();
        CliProcess.Result missing = CliProcess.run(Map.of(), "admin", "create-application", "--organization", "nope",
                "--data-dir", data);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no organization named 'nope'");

        Process serve = CliProcess.builder(Map.of("ASANA_BASE_URL", sim.baseUrl(), "ASANA_TOKEN_URL", sim.tokenUrl()),
                "serve", "--port", "0", "--data-dir", data).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            String api = null;
            while (api == null && (line = err.readLine()) != null) {
                int at = line.indexOf("serving at ");
                if (at >= 0) {
                    api = line.substring(at + "serving at ".length()).split(";")[0].trim();
                }
            }
            assertThat(api).as("serve announced its URL").isNotNull();
            CliProcess.Result hosted = CliProcess.run(Map.of("AIRBYTE_CLIENT_ID", credentials.get("client_id").asText(),
                    "AIRBYTE_CLIENT_SECRET", credentials.get("client_secret").asText(), "AIRBYTE_API_URL", api,
                    "AIRBYTE_WORKSPACE_NAME", "nobody"), "execute", "--hosted", "users", "get", "-p", "user_gid=me");
            assertThat(hosted.exit()).isEqualTo(3);
            assertThat(hosted.err()).contains("no Asana connector exists for workspace 'nobody'");
        } finally {
            serve.destroy();
            serve.waitFor();
        }
    }
}
