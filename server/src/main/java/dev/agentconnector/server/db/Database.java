package dev.agentconnector.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pooled database chosen by its JDBC URL, migrated on open. SQLite runs in WAL mode with a busy timeout, and its
 * writes are serialized: one at a time within this process (a lock) and across processes ({@code BEGIN IMMEDIATE}).
 * PostgreSQL transactions run at READ COMMITTED and lock rows explicitly where it matters.
 */
public final class Database implements AutoCloseable {
    /** The database products supported. */
    public enum Vendor { SQLITE, POSTGRESQL }

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final String MIGRATIONS = "classpath:dev/agentconnector/server/db/migration";
    private static final String HISTORY_TABLE = "asana_agent_server_schema_history";

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);

    private Database(HikariDataSource pool, Vendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
    }

    /**
     * Opens a pool on {@code jdbcUrl} ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}) and applies pending
     * migrations.
     */
    public static Database open(String jdbcUrl, int poolSize, String poolName) {
        Vendor vendor = vendorOf(jdbcUrl);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setPoolName(poolName);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(10_000);
        if (vendor == Vendor.SQLITE) {
            createSqliteFile(jdbcUrl);
            cfg.setDriverClassName("org.sqlite.JDBC");
            cfg.addDataSourceProperty("journal_mode", "WAL");
            cfg.addDataSourceProperty("busy_timeout", "15000");
            cfg.addDataSourceProperty("synchronous", "NORMAL");
            cfg.addDataSourceProperty("foreign_keys", "true");
            // setAutoCommit(false) then starts with BEGIN IMMEDIATE: a transaction holds the write lock from its
            // first statement, so read-then-write sequences cannot deadlock or fail on lock upgrade.
            cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            cfg.setDriverClassName("org.postgresql.Driver");
            cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to the " + vendor.name().toLowerCase(java.util.Locale.ROOT)
                    + " database: " + rootMessage(e), e);
        }
        Database db = new Database(ds, vendor);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return db;
    }

    private static Vendor vendorOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return Vendor.SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL; use jdbc:postgresql://HOST:PORT/DB or "
                + "jdbc:sqlite:FILE");
    }

    /**
     * Creates the SQLite file's directory (0700) and the file itself (0600) when they do not exist yet: the file
     * holds sealed credentials and hashed secrets, and SQLite gives its WAL and shared-memory files the database
     * file's permissions.
     */
    private static void createSqliteFile(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path path = Path.of(file).toAbsolutePath();
        Path parent = path.getParent();
        try {
            if (!Files.isDirectory(parent)) {
                OwnerOnly.createDirectories(parent);
            }
            if (!Files.exists(path)) {
                OwnerOnly.createFile(path);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database file " + path, e);
        }
    }

    private void migrate() {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException first) {
            if (vendor != Vendor.SQLITE) {
                throw new DatabaseException("database migration failed: " + first.getMessage(), first);
            }
            // Another process (the admin command, a second server) may have been migrating the same new file at
            // the same moment; SQLite has no migration lock, so look again once it is done.
            LOG.log(System.Logger.Level.INFO, "retrying the database migration after a concurrent one");
            sleep(500);
            try {
                flyway.migrate();
            } catch (FlywayException second) {
                throw new DatabaseException("database migration failed: " + second.getMessage(), second);
            }
        }
    }

    /** The pool, for components that keep their own tables here (the context store). */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    /** The product behind the URL. */
    public Vendor vendor() {
        return vendor;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (reads and single statements). */
    public <T> T query(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getClass().getSimpleName()
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. On SQLite the
     * transaction holds the database write lock from its start.
     */
    public <T> T transaction(String what, SqlWork<T> work) {
        boolean sqlite = vendor == Vendor.SQLITE;
        if (sqlite) {
            sqliteWriteLock.lock();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getClass().getSimpleName()
                    + " (SQL state " + e.getSQLState() + ")", e);
        } finally {
            if (sqlite) {
                sqliteWriteLock.unlock();
            }
        }
    }

    /** {@code " FOR UPDATE"} where row locks exist (PostgreSQL); SQLite transactions already hold the write lock. */
    public String forUpdate() {
        return vendor == Vendor.POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** True when a connection answers a trivial query within two seconds. */
    public boolean healthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public String toString() {
        return "Database[" + vendor + "]";
    }
}
