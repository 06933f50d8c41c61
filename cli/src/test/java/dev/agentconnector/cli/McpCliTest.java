package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asana-agent mcp} and {@code asana-agent tool-description}, run as a user runs them. */
class McpCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void toolDescriptionPrintsTheGeneratedText() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ToolDescriptionCommand()).setOut(new PrintWriter(out));
        assertThat(cli.execute()).isZero();
        assertThat(out.toString()).hasSizeLessThan(12_000).contains("tasks: ").contains("workspace_memberships: ")
                .contains("offset=meta.next_page.offset");

        StringWriter readOnly = new StringWriter();
        new CommandLine(new ToolDescriptionCommand()).setOut(new PrintWriter(readOnly)).execute("--read-only");
        assertThat(readOnly.toString()).contains("Read-only").doesNotContain("workspace_memberships");

        StringWriter store = new StringWriter();
        new CommandLine(new ToolDescriptionCommand()).setOut(new PrintWriter(store)).execute("--context-store");
        assertThat(store.toString()).hasSizeLessThan(12_000).contains(" context_store_search: ")
                .contains("tasks context_store_aggregate {").contains("workspace_memberships: ");
        assertThat(out.toString()).doesNotContain("context_store");

        StringWriter tasks = new StringWriter();
        new CommandLine(new ToolDescriptionCommand()).setOut(new PrintWriter(tasks)).execute("--entity", "tasks");
        assertThat(tasks.toString()).startsWith("Asana tasks: ").contains("Gid of the workspace to create the task");

        StringWriter err = new StringWriter();
        CommandLine bad = new CommandLine(new ToolDescriptionCommand()).setErr(new PrintWriter(err));
        bad.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println(ExitCodes.message(e));
            return ExitCodes.of(e);
        });
        assertThat(bad.execute("--entity", "taks")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("did you mean 'tasks'");
    }

    @Test
    void stdioCarriesOnlyTheProtocolOnStdout() throws Exception {
        Process p = start("mcp", "--sandbox", "--read-only");
        OutputStream in = p.getOutputStream();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
            JsonNode init = JSON.readTree(out.readLine());
            assertThat(init.path("result").path("serverInfo").path("name").asText())
                    .isEqualTo("asana-agent-connector");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"asana_execute\","
                    + "\"arguments\":{\"entity\":\"workspaces\",\"action\":\"list\",\"params\":{}}}}");
            JsonNode call = JSON.readTree(out.readLine());
            assertThat(call.path("id").asInt()).isEqualTo(2);
            assertThat(call.path("result").path("isError").asBoolean()).isFalse();
            assertThat(call.path("result").path("structuredContent").path("success").asBoolean()).isTrue();
            in.close(); // ends the session, as a client does
            List<String> rest = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.add(line);
            }
            for (String line : rest) {
                assertThat(JSON.readTree(line).path("jsonrpc").asText()).as(line).isEqualTo("2.0");
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("sandbox: simulated Asana").contains("serving MCP on stdio (tools: single, read-only");
    }

    @Test
    void servesStreamableHttp() throws Exception {
        Process p = start("mcp", "--http", "--port", "0", "--sandbox", "--tools", "per-entity");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Pattern url = Pattern.compile("streamable HTTP at (http://\\S+/mcp)");
            URI endpoint = null;
            String line;
            while (endpoint == null && (line = err.readLine()) != null) {
                Matcher m = url.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
            }
            assertThat(endpoint).isNotNull();
            Thread drain = new Thread(() -> {
                try {
                    err.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                    .builder("http://" + endpoint.getHost() + ":" + endpoint.getPort()).endpoint("/mcp").build())
                    .requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                assertThat(client.listTools().tools()).hasSizeGreaterThan(20);
            } finally {
                client.closeGracefully();
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesToServeBeyondLoopbackWithoutAToken() throws Exception {
        Process p = start("mcp", "--http", "--host", "0.0.0.0", "--port", "0", "--sandbox");
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.CONFIG);
        assertThat(err).contains("refusing to serve MCP on 0.0.0.0 without a bearer token")
                .contains("ASANA_AGENT_MCP_TOKEN")
                .doesNotContain("sandbox:");
    }

    @Test
    void rejectsAnUnknownToolMode() throws Exception {
        Process p = start("mcp", "--tools", "both", "--sandbox");
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("single or per-entity");
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Starts {@code asana-agent ARGS} in a child JVM on this classpath, with no ASANA_* variables set. */
    private static Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("ASANA_"));
        return pb.start();
    }

    /** Runs {@link Main}. */
    static final class Launcher {
        private Launcher() {
        }

        public static void main(String[] args) {
            Main.main(args);
        }
    }
}
