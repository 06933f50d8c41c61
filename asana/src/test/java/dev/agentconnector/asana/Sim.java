package dev.agentconnector.asana;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.http.RateLimits;
import dev.agentconnector.runtime.http.RetryPolicy;

import java.time.Duration;

/** Shared set-up for tests that run the connector against the simulator on a random loopback port. */
final class Sim {
    /** Retries with short backoffs so that retry tests stay quick. */
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50),
            Duration.ofSeconds(5));

    private Sim() {
    }

    static AsanaSimulator start() {
        return AsanaSimulator.builder().seed(42).build().start();
    }

    static ConnectorOptions.Builder options(AsanaSimulator sim) {
        return ConnectorOptions.builder().baseUrl(sim.baseUrl()).tokenUrl(sim.tokenUrl())
                .retryPolicy(FAST_RETRIES).rateLimits(RateLimits.ASANA_DEFAULT);
    }

    static AsanaConnector pat(AsanaSimulator sim) {
        return new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(sim.personalAccessToken()),
                options(sim).build());
    }
}
