package dev.agentconnector.contextstore;

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
            return new StoreLocation(ds, SqlDialect.POSTGRES, "PostgreSQL at " + url.replaceAll("\\?.*", ""));
        }
        throw new IllegalArgumentException("--db takes a jdbc:postgresql: or jdbc:sqlite: URL");
    }

    private static StoreLocation sqlite(String url, String describe) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(15_000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return new StoreLocation(ds, SqlDialect.SQLITE, describe);
    }

    /** The store here, its tables created or updated first. */
    public ContextStore open() {
        ContextStore.migrate(dataSource, dialect);
        return new ContextStore(dataSource, dialect);
    }
}
