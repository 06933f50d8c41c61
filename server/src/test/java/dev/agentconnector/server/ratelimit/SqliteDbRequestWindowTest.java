package dev.agentconnector.server.ratelimit;

/** The shared window on SQLite: two pools on one file, as two processes would open it. */
class SqliteDbRequestWindowTest extends DbRequestWindowContract {
    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.sqlite();
    }
}
