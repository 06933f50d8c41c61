package dev.agentconnector.server.ratelimit;

/** Two service instances on one PostgreSQL database (skipped, with the reason, when it is unreachable). */
class PostgresRateLimitIsolationTest extends RateLimitIsolationContract {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    int instances() {
        return 2;
    }
}
