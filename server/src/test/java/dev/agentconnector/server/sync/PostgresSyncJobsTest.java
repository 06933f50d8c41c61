package dev.agentconnector.server.sync;

import dev.agentconnector.server.ratelimit.TestDatabase;

/** Two service instances on one PostgreSQL database (skipped, with the reason, when it is unreachable). */
class PostgresSyncJobsTest extends SyncJobsContract {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    int instances() {
        return 2;
    }
}
