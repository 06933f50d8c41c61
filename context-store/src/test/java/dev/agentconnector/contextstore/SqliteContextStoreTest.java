package dev.agentconnector.contextstore;

import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** The contract on a SQLite file. */
class SqliteContextStoreTest extends ContextStoreContract {
    @Override
    DataSource dataSource() throws Exception {
        Path dir = Files.createTempDirectory("context-store-");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("store.db"));
        return ds;
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }
}
