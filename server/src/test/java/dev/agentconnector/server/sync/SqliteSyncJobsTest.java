package dev.agentconnector.server.sync;

import dev.agentconnector.server.ratelimit.TestDatabase;

/** One service instance on a SQLite file. */
class SqliteSyncJobsTest extends SyncJobsContract {
    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.sqlite();
    }

    @Override
    int instances() {
        return 1;
    }
}
