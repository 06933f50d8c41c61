package dev.agentconnector.cli;

import dev.agentconnector.asana.AsanaEnvironment;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.JdkHttpTransport;

import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/**
 * The run the {@code asana-agent} launcher records its class-data archive from (with
 * {@code -XX:ArchiveClassesAtExit}): the commands people start most, so the classes they load come from the archive.
 * Runs them with their output discarded against an in-process simulator, and also sets up TLS (as a client for an
 * https API does), which calls to the simulator over plain http never need.
 */
final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        String[][] runs = {
                {"--help"},
                {"describe"},
                {"describe", "tasks"},
                {"describe", "--json", "tasks"},
                {"execute", "--help"},
                {"execute", "--sandbox", "workspaces", "list", "-p", "limit=2"},
                {"execute", "--sandbox", "--compact", "tasks", "get", "-p", "task_gid=1"},
        };
        for (String[] run : runs) {
            Main.run(run, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        }
        // what execute does with ASANA_* variables instead of --sandbox
        AsanaEnvironment env = new AsanaEnvironment(Map.of("ASANA_TOKEN", "0/training",
                "ASANA_BASE_URL", "https://app.asana.com/api/1.0"));
        env.authConfig();
        env.options(ConnectorOptions.builder()).build();
        JdkHttpTransport.apiClient(Duration.ofSeconds(10));
        SSLContext.getDefault().createSSLEngine("localhost", 443);
        Main.stopHttpSelectors();
        System.exit(0);
    }
}
