package dev.agentconnector.cli;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.asana.sim.SimulatorMain;
import dev.agentconnector.asana.sim.data.DatasetGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code asana-agent sim}: serves the Asana simulator until stopped. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the Asana simulator: Asana's REST API, OAuth endpoints and file downloads over a "
                + "generated dataset.",
                "When ready it prints one JSON line on stdout with base_url, token_url, personal_access_token, "
                        + "client_id, client_secret, refresh_token and workspace_gid, then serves until stopped "
                        + "(Ctrl-C or SIGTERM)."})
final class SimCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port (default: a free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--seed", defaultValue = "42", description = "Dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "1", description = "Dataset size multiplier (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--tasks-per-project", paramLabel = "N",
            defaultValue = "" + DatasetGenerator.DEFAULT_TASKS_PER_PROJECT,
            description = {"Top-level tasks generated in each project (default: ${DEFAULT-VALUE}). Every project "
                    + "gets N, so the dataset holds about 10 x scale x N tasks plus subtasks; at most "
                    + "2,000,000 over all projects (N up to 200,000 at scale 1). 100,000 needs about 1.6 GB "
                    + "of heap and 10-30 s to generate on 2 cores."})
    int tasksPerProject;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, got " + port);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("--scale must be at least 1, got " + scale);
        }
        if (tasksPerProject < 1) {
            throw new IllegalArgumentException("--tasks-per-project must be at least 1, got " + tasksPerProject);
        }
        DatasetGenerator.checkSize(scale, tasksPerProject); // before the (possibly long) generation
        AsanaSimulator sim = AsanaSimulator.builder().host(host).port(port).seed(seed).scale(scale)
                .tasksPerProject(tasksPerProject).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "asana-sim-shutdown"));
        command.commandLine().getOut().println(SimulatorMain.readyLine(sim));
        command.commandLine().getOut().flush();
        command.commandLine().getErr().println("asana-agent: simulator serving at " + sim.baseUrl()
                + "; stop with Ctrl-C");
        command.commandLine().getErr().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
