package dev.agentconnector.server.ratelimit;

/** The shared window on PostgreSQL (skipped, with the reason, when the test database is unreachable). */
class PostgresDbRequestWindowTest extends DbRequestWindowContract {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
