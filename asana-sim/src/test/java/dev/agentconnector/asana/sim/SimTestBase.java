package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Starts one simulator (seed 42, scale 1) per test class and offers a client authenticated with its PAT. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimTestBase {
    protected AsanaSimulator sim;
    protected SimHttp api;
    protected SimFixtures fx;

    /** Hook to customise the simulator of a test class. */
    protected AsanaSimulator.Builder configure(AsanaSimulator.Builder b) {
        return b;
    }

    @BeforeAll
    void startSimulator() {
        sim = configure(AsanaSimulator.builder()).build().start();
        api = new SimHttp(sim.baseUrl(), sim.personalAccessToken());
        fx = sim.fixtures();
    }

    @AfterAll
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    /** The shared OpenAPI validator. */
    protected static OpenApiContract contract() {
        return OpenApiContract.get();
    }
}
