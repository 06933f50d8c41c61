package dev.agentconnector.integrations.testsupport;

import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;

/**
 * An in-process Asana simulator (seed 42) and a connector authenticated with its personal access token.
 *
 * @param sim       the simulator
 * @param connector the connector pointed at it
 */
public record SimulatedAsana(AsanaSimulator sim, AsanaConnector connector) implements AutoCloseable {

    /** Starts the simulator and builds the connector. */
    public static SimulatedAsana start() {
        AsanaSimulator sim = AsanaSimulator.builder().seed(42).build().start();
        return new SimulatedAsana(sim, new AsanaConnector(
                new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                ConnectorOptions.builder().baseUrl(sim.baseUrl()).build()));
    }

    @Override
    public void close() {
        connector.close();
        sim.close();
    }
}
