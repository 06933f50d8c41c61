package dev.agentconnector.cli;

import dev.agentconnector.asana.AsanaAuthConfig;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.asana.sim.SimFixtures;
import dev.agentconnector.runtime.ConnectorOptions;

import java.io.PrintWriter;

/** An in-process Asana simulator and the connector settings that reach it. */
final class Sandbox implements AutoCloseable {
    private final AsanaSimulator sim;

    private Sandbox(AsanaSimulator sim) {
        this.sim = sim;
    }

    /** Starts a simulator on a random loopback port and says on {@code err} which gids to try. */
    static Sandbox start(long seed, PrintWriter err) {
        AsanaSimulator sim = AsanaSimulator.builder().seed(seed).build().start();
        SimFixtures f = sim.fixtures();
        err.println("sandbox: simulated Asana at " + sim.baseUrl() + " (seed " + seed + "); try workspace_gid="
                + sim.workspaceGid() + " project_gid=" + f.projectGid() + " task_gid=" + f.taskGid()
                + " user_gid=me");
        err.flush();
        return new Sandbox(sim);
    }

    AsanaAuthConfig auth() {
        return new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken());
    }

    ConnectorOptions options() {
        return ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl()).build();
    }

    @Override
    public void close() {
        sim.close();
    }
}
