package dev.agentconnector.contextstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a store lives: an SQLite file in a data directory, or a database named by a JDBC URL
 * ({@code jdbc:postgresql:…} or {@code jdbc:sqlite:…}).
 *
 * @param dataSource connections to it
 * @param dialect    its SQL
 * @param describe   where it is, for messages (no credentials)
 */
public record StoreLocation(DataSource dataSource, SqlDialect dialect, String describe) {
    /** The SQLite file of a data directory (the execution service's database file: the tables sit beside its own). */
    public static final String SQLITE_FILE = "asana-agent.db";

    /** The data directory used when none is named, as the execution service's. */
    public static final Path DEFAULT_DATA_DIR = Path.of("asana-agent-data");

    /**
     * The store a command names: the database of {@code db} when given, else the SQLite file of {@code dataDir}
     * (default {@link #DEFAULT_DATA_DIR}), created when {@code create}.
     */
    public static StoreLocation of(String db, Path dataDir, boolean create) {
        return db != null ? jdbc(db) : dataDir(dataDir != null ? dataDir : DEFAULT_DATA_DIR, create);
    }

    /** The SQLite file in {@code dir}, created (with the directory) when {@code create}. */
    public static StoreLocation dataDir(Path dir, boolean create) {
        Path file = dir.resolve(SQLITE_FILE).toAbsolutePath();
        if (!create && !Files.exists(file)) {
            throw new IllegalArgumentException("no store at " + file + ": run asana-agent sync --data-dir " + dir
                    + " first");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + dir + ": " + e.getMessage());
        }
        return sqlite("jdbc:sqlite:" + file, file.toString());
    }

    /** A database by JDBC URL. */
    public static StoreLocation jdbc(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return sqlite(url, url.replaceAll("\\?.*", ""));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            // a page of records goes as one multi-row INSERT instead of a hundred statements
            ds.setReWriteBatchedInserts(true);
            return new StoreLocation(pooled(ds), SqlDialect.POSTGRES, "PostgreSQL at " + url.replaceAll("\\?.*", ""));
        }
        throw new IllegalArgumentException("--db takes a jdbc:postgresql: or jdbc:sqlite: URL");
    }

    private static StoreLocation sqlite(String url, String describe) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(15_000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // in WAL mode, NORMAL loses no committed write when the process is killed (only, at worst, the last ones at
        // a power cut, which the next sync writes again) and spares an fsync per commit
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return new StoreLocation(pooled(ds), SqlDialect.SQLITE, describe);
    }

    /** A few pooled connections: a sync or a search makes many small statements, each on a connection. */
    private static DataSource pooled(DataSource ds) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(ds);
        c.setPoolName("context-store");
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(0);
        c.setIdleTimeout(60_000);
        c.setInitializationFailTimeout(-1); // a database that is down fails the first statement, with its reason
        return new HikariDataSource(c);
    }

    /** The store here, its tables created or updated first. */
    public ContextStore open() {
        ContextStore.migrate(dataSource, dialect);
        return new ContextStore(dataSource, dialect);
    }
}
