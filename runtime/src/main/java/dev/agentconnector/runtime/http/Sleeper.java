package dev.agentconnector.runtime.http;

import java.time.Duration;

/** Waits; injected so that tests of retries and limits run instantly. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
