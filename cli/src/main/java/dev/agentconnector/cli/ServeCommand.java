package dev.agentconnector.cli;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code asana-agent serve}: the hosted connector execution service. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the connector execution service: store Asana credentials once per connector, then "
                + "execute operations on a connector by id over HTTP.",
                "Data lives in an SQLite file in --data-dir unless --db gives a JDBC URL (PostgreSQL for several "
                        + "instances). Credentials are encrypted with ASANA_AGENT_MASTER_KEY (base64, 32 bytes) or a "
                        + "key file created in the data dir. Asana is reached at ASANA_BASE_URL, ASANA_TOKEN_URL and "
                        + "ASANA_AUTHORIZE_URL when set."})
final class ServeCommand implements Callable<Integer> {
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

    @Option(names = "--sandbox", description = "Use an in-process Asana simulator instead of Asana, and create a "
            + "sandbox organization and application to try the API with")
    boolean sandbox;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        ServerConfig.Builder config = ServerConfig.fromEnv().toBuilder().port(port).host(host);
        if (dataDir != null) {
            config.dataDir(dataDir);
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
        AsanaAgentServer server = AsanaAgentServer.start(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        AsanaSimulator simToClose = sim;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (simToClose != null) {
                simToClose.close();
            }
            stopped.countDown();
        }, "asana-agent-serve-shutdown"));
        var err = command.commandLine().getErr();
        err.println("asana-agent: serving at " + server.baseUrl() + "; stop with Ctrl-C (in-flight requests finish)");
        if (sim != null) {
            SandboxGuide.print(command.commandLine().getOut(), server, sim, config.build());
        }
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
