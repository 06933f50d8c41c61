package dev.agentconnector.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract over stdio: each server is a child JVM on this test classpath, spoken to through its pipes. */
class StdioMcpTest extends AbstractMcpContractTest {
    private final Queue<String> stderr = new ConcurrentLinkedQueue<>();

    @Override
    McpSyncClient connect(McpServerOptions options) {
        List<String> args = new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StdioTestServer.class.getName(), sim.baseUrl(), sim.tokenUrl(),
                sim.personalAccessToken(), "--max-result-chars", Integer.toString(options.maxResultChars())));
        if (options.readOnly()) {
            args.add("--read-only");
        }
        if (options.tools() == ToolMode.PER_ENTITY) {
            args.add("--per-entity");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java).args(args).build(),
                new JacksonMcpJsonMapper(mapper));
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    @Override
    void stopServers() {
        // closing a client closes the child's stdin, which ends it
    }

    @Test
    void logsGoToStderrAndStdoutCarriesOnlyTheProtocol() throws Exception {
        client(SINGLE).ping();
        // the child announced itself on stderr; had it written to stdout, the client could not have initialized
        assertThat(stderr).anyMatch(line -> line.contains("stdio test server starting"));
    }
}
