package dev.agentconnector.mcp;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.runtime.ConnectorOptions;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A stdio MCP server process for tests: a connector pointed at a simulator the test runs, served on this process's
 * stdin and stdout. Arguments: BASE_URL TOKEN_URL PAT [--read-only] [--per-entity] [--max-result-chars N]
 * [--drain-timeout-ms N].
 */
public final class StdioTestServer {
    private StdioTestServer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err); // nothing but protocol may reach stdout
        McpServerOptions options = McpServerOptions.defaults();
        Duration drainTimeout = StdioServer.DEFAULT_DRAIN_TIMEOUT;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--read-only" -> options = options.withReadOnly(true);
                case "--per-entity" -> options = options.withTools(ToolMode.PER_ENTITY);
                case "--max-result-chars" -> options = options.withMaxResultChars(Integer.parseInt(args[++i]));
                case "--drain-timeout-ms" -> drainTimeout = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.err.println("stdio test server starting (" + options + ")");
        try (AsanaConnector connector = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(args[2]),
                ConnectorOptions.builder().baseUrl(args[0]).tokenUrl(args[1]).build());
             StdioServer server = StdioServer.start(new AsanaMcpServer(connector, options), System.in, protocol,
                     drainTimeout)) {
            server.awaitEndOfInput();
        }
        System.exit(0);
    }
}
