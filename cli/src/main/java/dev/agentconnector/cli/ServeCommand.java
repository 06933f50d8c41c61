package dev.agentconnector.cli;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.http.Durations;
import dev.agentconnector.http.HttpLimits;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code asana-agent serve}: the hosted connector execution service. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the connector execution service: store Asana credentials once per connector, then "
                + "execute operations on a connector by id over HTTP.",
                "Data lives in an SQLite file in --data-dir unless --db gives a JDBC URL (PostgreSQL for several "
                        + "instances). Credentials are encrypted with ASANA_AGENT_MASTER_KEY (base64, 32 bytes) or a "
                        + "key file created in the data dir. Asana is reached at ASANA_BASE_URL, ASANA_TOKEN_URL and "
                        + "ASANA_AUTHORIZE_URL when set."})
final class ServeCommand implements Callable<Integer> {
    /** Held here because java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final java.util.List<java.util.logging.Logger> MCP_LOGGERS = java.util.List.of(
            java.util.logging.Logger.getLogger("io.modelcontextprotocol"), java.util.logging.Logger.getLogger("reactor"));

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database, e.g. jdbc:postgresql://host/db?user=u "
            + "(default: ASANA_AGENT_DB_URL, else an SQLite file in the data dir)")
    String db;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory for the SQLite file and key file "
            + "(default: ASANA_AGENT_DATA_DIR, else ./asana-agent-data)")
    Path dataDir;

    @Option(names = "--public-url", paramLabel = "URL", description = "URL clients and browsers reach this service "
            + "at (for the OAuth callback); default http://HOST:PORT")
    String publicUrl;

    @Option(names = "--rate-limit-per-minute", paramLabel = "N", description = "Asana requests a connector may "
            + "start in any minute, across every instance on the database, unless the connector sets its own "
            + "(default 1500; 0 = no limit)")
    Integer perMinute;

    @Option(names = "--max-concurrent-reads", paramLabel = "N", description = "Asana reads a connector may have in "
            + "flight on this instance, unless the connector sets its own (default 50; 0 = no cap)")
    Integer maxReads;

    @Option(names = "--max-concurrent-writes", paramLabel = "N", description = "Asana writes a connector may have "
            + "in flight on this instance, unless the connector sets its own (default 15; 0 = no cap)")
    Integer maxWrites;

    @Option(names = "--rate-limit-wait", paramLabel = "DURATION", description = "Longest an execute waits for its "
            + "connector's rate limit before answering 429 with Retry-After, e.g. 5s or 500ms (default: "
            + "ASANA_AGENT_RATE_LIMIT_WAIT, else 5s; 0 = never wait)")
    String rateLimitWait;

    @Option(names = "--sync-interval", paramLabel = "DURATION", description = "How long after a connector's "
            + "context-store sync ends the next is due, e.g. 15m or 1h; every connector synced once is kept up to "
            + "date at this interval (default: ASANA_AGENT_SYNC_INTERVAL, else 15m; 0 = only when asked with "
            + "POST .../sync)")
    String syncInterval;

    @Option(names = "--rate-limit-max-waiting", paramLabel = "N", description = "Executes of one connector that may "
            + "wait for its rate limit at once on this instance; more answer 429 at once (default 16)")
    Integer maxWaiting;

    @Option(names = "--sandbox", description = "Use an in-process Asana simulator instead of Asana, and create a "
            + "sandbox application (in the organization 'sandbox') to try the API with. Without --data-dir the "
            + "data lives in a temporary directory removed at exit")
    boolean sandbox;

    @Option(names = "--header-timeout", paramLabel = "DURATION", description = "Time a connection has to send a "
            + "complete request head, e.g. 10s (default: ASANA_AGENT_HEADER_TIMEOUT, else 10s)")
    String headerTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "Longest silence on a connection, e.g. "
            + "30s (default: ASANA_AGENT_IDLE_TIMEOUT, else 30s)")
    String idleTimeout;

    @Option(names = "--max-connections", paramLabel = "N", description = "Most connections open at once; more wait "
            + "(default: ASANA_AGENT_MAX_CONNECTIONS, else 1000)")
    Integer maxConnections;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        // the MCP SDK logs every session's start at INFO: one line per MCP client is noise in a service's log
        MCP_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        ServerConfig.Builder config = ServerConfig.fromEnv().toBuilder().port(port).host(host);
        applyRateLimits(config); // checked before anything is created
        config.httpLimits(httpLimits(config.build().httpLimits()));
        if (dataDir != null) {
            config.dataDir(dataDir);
        }
        // a sandbox without a data directory of its own keeps nothing: a temporary directory and an in-memory key
        Path throwaway = null;
        if (sandbox && dataDir == null && blank(System.getenv("ASANA_AGENT_DATA_DIR"))) {
            throwaway = Files.createTempDirectory("asana-agent-sandbox-");
            config.dataDir(throwaway);
            if (blank(System.getenv("ASANA_AGENT_MASTER_KEY"))) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                config.masterKey(key);
            }
        }
        if (db != null) {
            config.dbUrl(db);
        }
        if (publicUrl != null) {
            config.publicUrl(publicUrl);
        }
        AsanaSimulator sim = null;
        if (sandbox) {
            sim = AsanaSimulator.builder().seed(42).build().start();
            config.asanaBaseUrl(sim.baseUrl()).asanaTokenUrl(sim.tokenUrl()).asanaAuthorizeUrl(sim.authorizeUrl());
        }
        AsanaAgentServer server;
        try {
            server = AsanaAgentServer.start(config.build());
        } catch (RuntimeException e) {
            if (sim != null) {
                sim.close();
            }
            deleteTree(throwaway);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AsanaSimulator simToClose = sim;
        Path toDelete = throwaway;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (simToClose != null) {
                simToClose.close();
            }
            deleteTree(toDelete);
            stopped.countDown();
        }, "asana-agent-serve-shutdown"));
        var err = command.commandLine().getErr();
        err.println("asana-agent: serving at " + server.baseUrl() + "; stop with Ctrl-C (in-flight requests finish)");
        if (sim != null) {
            SandboxGuide.print(command.commandLine().getOut(), server, sim, config.build(), throwaway);
        }
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private HttpLimits httpLimits(HttpLimits fromEnv) {
        HttpLimits.Builder b = fromEnv.toBuilder();
        try {
            if (headerTimeout != null) {
                b.headerTimeout(Durations.parse(headerTimeout, "--header-timeout"));
            }
            if (idleTimeout != null) {
                b.idleTimeout(Durations.parse(idleTimeout, "--idle-timeout"));
            }
            if (maxConnections != null) {
                b.maxConnections(maxConnections);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** Applies the rate-limit flags given, checked with messages that name the flag. */
    void applyRateLimits(ServerConfig.Builder config) {
        if (perMinute != null || maxReads != null || maxWrites != null) {
            RateLimits d = RateLimits.ASANA_DEFAULT;
            config.asanaRateLimits(new RateLimits(
                    atLeast(perMinute, d.requestsPerMinute(), 0, "--rate-limit-per-minute", " (0 = no limit)"),
                    atLeast(maxReads, d.maxConcurrentReads(), 0, "--max-concurrent-reads", " (0 = no cap)"),
                    atLeast(maxWrites, d.maxConcurrentWrites(), 0, "--max-concurrent-writes", " (0 = no cap)")));
        }
        if (rateLimitWait != null) {
            config.rateLimitWait(Durations.parse(rateLimitWait, "--rate-limit-wait"));
        }
        if (syncInterval != null) {
            config.syncInterval(Durations.parse(syncInterval, "--sync-interval"));
        }
        if (maxWaiting != null) {
            config.rateLimitMaxWaiting(atLeast(maxWaiting, 0, 1, "--rate-limit-max-waiting", ""));
        }
    }

    private static int atLeast(Integer value, int fallback, int min, String flag, String note) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be " + min + " or more" + note + ", got " + value);
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Removes a temporary data directory and everything in it; null does nothing. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("asana-agent: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
