package dev.agentconnector.cli;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.http.Durations;
import dev.agentconnector.mcp.AsanaMcpServer;
import dev.agentconnector.mcp.HttpOptions;
import dev.agentconnector.mcp.HttpServer;
import dev.agentconnector.mcp.McpServerOptions;
import dev.agentconnector.mcp.SessionLimits;
import dev.agentconnector.mcp.StdioServer;
import dev.agentconnector.mcp.ToolMode;
import dev.agentconnector.runtime.ConnectorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code asana-agent mcp}: serves the connector to MCP clients over stdio, or over streamable HTTP with --http. */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the connector as an MCP server: over stdio (the default; stdout carries only the "
                + "protocol, logs go to stderr) or over streamable HTTP at /mcp with --http.",
                "Credentials as for execute: ASANA_TOKEN, or ASANA_REFRESH_TOKEN with ASANA_CLIENT_ID and "
                        + "ASANA_CLIENT_SECRET; --sandbox for an in-process simulator; --hosted for an execution "
                        + "service (AIRBYTE_* variables).",
                "HTTP listens on 127.0.0.1 unless --host says otherwise; any other address needs a bearer token "
                        + "(ASANA_AGENT_MCP_TOKEN or --token) that clients send as 'Authorization: Bearer <token>'."},
        footer = {"", "Examples:",
                "  asana-agent mcp --sandbox",
                "  asana-agent mcp --read-only --tools per-entity",
                "  asana-agent mcp --http --port 8765",
                "  ASANA_AGENT_MCP_TOKEN=$(openssl rand -hex 24) asana-agent mcp --http --host 0.0.0.0"})
final class McpCommand implements Callable<Integer> {
    /** Held here because java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.eclipse.jetty"),
            Logger.getLogger("io.modelcontextprotocol"), Logger.getLogger("reactor"));

    @Option(names = "--http", description = "Serve streamable HTTP at /mcp instead of stdio")
    boolean http;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = HttpOptions.DEFAULT_HOST,
            description = "HTTP address to bind (default: ${DEFAULT-VALUE}; others need a token)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 for any free port)")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token HTTP clients must send (prefer the ASANA_AGENT_MCP_TOKEN variable: "
                    + "arguments are visible to other local users)")
    String token;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Browser origin allowed besides localhost, e.g. https://app.example.com; repeatable")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]",
            description = "Host header value allowed besides localhost (checks Host when bound beyond loopback); "
                    + "repeatable")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--session-idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "HTTP: end a session with no request in progress and no open event stream after this long, "
                    + "e.g. 10m (default: ${DEFAULT-VALUE})")
    String sessionIdleTimeout;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "1000",
            description = "HTTP: sessions kept at most; a new one ends the session idle the longest "
                    + "(default: ${DEFAULT-VALUE})")
    int maxSessions;

    @Option(names = "--keep-alive", paramLabel = "DURATION", defaultValue = "15s",
            description = "HTTP: interval of the comment lines sent on open event streams (default: ${DEFAULT-VALUE})")
    String keepAlive;

    @Option(names = "--tools", paramLabel = "MODE", defaultValue = "single",
            description = "single: one asana_execute tool (default); per-entity: one asana_<entity> tool each, "
                    + "with a precise input schema")
    String tools;

    @Option(names = "--read-only", description = "Hide and refuse every create, update and delete")
    boolean readOnly;

    @Option(names = "--max-result-chars", paramLabel = "N", defaultValue = "20000",
            description = "Cut results longer than this (as JSON text), with a note on narrowing the call "
                    + "(default: ${DEFAULT-VALUE})")
    int maxResultChars;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Answer context_store_search and "
            + "context_store_aggregate from the store asana-agent sync filled in this directory")
    java.nio.file.Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "As --data-dir, for a store in this database")
    String db;

    @Option(names = "--sandbox", description = "Serve an in-process Asana simulator (no account needed)")
    boolean sandbox;

    @Option(names = "--hosted", description = "Execute through a connector execution service (AIRBYTE_* variables, "
            + "as for execute --hosted)")
    boolean hosted;

    @Option(names = "--seed", defaultValue = "42", description = "Sandbox dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--debug", description = "Log requests and protocol detail on stderr")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream protocol = System.out;
        if (!http) {
            System.setOut(System.err); // on stdio, stray prints would corrupt the protocol
        }
        configureLogging();
        McpServerOptions options = new McpServerOptions(ToolMode.parse(tools), readOnly, maxResultChars);
        HttpOptions httpOptions = null;
        if (http) {
            String secret = token != null ? token : System.getenv(HttpOptions.TOKEN_ENV);
            httpOptions = new HttpOptions(host, port, secret, allowedOrigins, allowedHosts, new SessionLimits(
                    Durations.parse(sessionIdleTimeout, "--session-idle-timeout"), maxSessions,
                    Durations.parse(keepAlive, "--keep-alive")));
            httpOptions.requireSafe(); // before any credentials are touched
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ExecuteCommand.Target target = ExecuteCommand.Target.choose(sandbox, hosted, seed, err);
             AsanaConnector asana = new AsanaConnector(target.auth(), withStore(target.options()))) {
            AsanaMcpServer server = new AsanaMcpServer(asana, options);
            String mode = "tools: " + options.tools().label() + (readOnly ? ", read-only" : "")
                    + ", results up to " + maxResultChars + " chars";
            if (http) {
                serveHttp(server, httpOptions, mode, err);
            } else {
                err.println("asana-agent mcp: serving MCP on stdio (" + mode + ")");
                err.flush();
                try (StdioServer stdio = StdioServer.start(server, System.in, protocol)) {
                    stdio.awaitEndOfInput();
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void serveHttp(AsanaMcpServer server, HttpOptions options, String mode, PrintWriter err)
            throws Exception {
        try (HttpServer running = HttpServer.start(server, options)) {
            Thread stop = new Thread(running::close, "asana-agent-mcp-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            err.println("asana-agent mcp: streamable HTTP at " + running.endpoint() + " (" + mode + "; bearer token "
                    + (options.token() == null ? "not required" : "required") + "); stop with Ctrl-C");
            err.flush();
            running.join();
        }
    }

    /** Warnings only, all on stderr; --debug adds request and protocol detail. */
    /** The options with the store's actions when --data-dir or --db names one. */
    private ConnectorOptions withStore(ConnectorOptions o) {
        if (dataDir == null && db == null) {
            return o;
        }
        return o.toBuilder().localActions(new StoreLocalActions(StoreLocation.of(db, dataDir, false).open(), "local"))
                .build();
    }

    private void configureLogging() {
        if (debug) {
            Logs.enableDebug();
            return;
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
