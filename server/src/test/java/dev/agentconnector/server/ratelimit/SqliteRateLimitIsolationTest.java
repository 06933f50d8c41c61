package dev.agentconnector.server.ratelimit;

/** One service instance on SQLite, the single-instance set-up. */
class SqliteRateLimitIsolationTest extends RateLimitIsolationContract {
    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.sqlite();
    }

    @Override
    int instances() {
        return 1;
    }
}
