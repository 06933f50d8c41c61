package dev.agentconnector.server.ratelimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A fresh database for one test class: a SQLite file in a temporary directory, or a new schema of the PostgreSQL
 * database named by {@code ASANA_AGENT_TEST_PG_URL} (default {@value #DEFAULT_PG_URL}). Several service instances or
 * pools may open its {@link #jdbcUrl()} at once.
 */
public abstract class TestDatabase implements AutoCloseable {
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** The URL every pool of the test opens. */
    public abstract String jdbcUrl();

    /** Null when usable; otherwise why not (the tests are then skipped with it). */
    public abstract String skipReason();

    @Override
    public abstract void close() throws Exception;

    public static TestDatabase sqlite() throws IOException {
        Path dir = Files.createTempDirectory("asana-agent-ratelimit-");
        return new TestDatabase() {
            @Override
            public String jdbcUrl() {
                return "jdbc:sqlite:" + dir.resolve("asana-agent.db");
            }

            @Override
            public String skipReason() {
                return null;
            }

            @Override
            public void close() throws IOException {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        };
    }

    public static TestDatabase postgres() {
        String env = System.getenv("ASANA_AGENT_TEST_PG_URL");
        String admin = env == null || env.isBlank() ? DEFAULT_PG_URL : env.strip();
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String schema = "asana_agent_rl_" + HexFormat.of().formatHex(random);
        DriverManager.setLoginTimeout(5);
        String reason = null;
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            reason = "PostgreSQL is not reachable at " + admin.replaceAll("(?i)(password=)[^&]*", "$1****") + " ("
                    + e.getMessage() + "); set ASANA_AGENT_TEST_PG_URL to a reachable database to run these tests";
        }
        String skip = reason;
        return new TestDatabase() {
            @Override
            public String jdbcUrl() {
                return admin + (admin.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }

            @Override
            public String skipReason() {
                return skip;
            }

            @Override
            public void close() throws SQLException {
                if (skip != null) {
                    return;
                }
                try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        };
    }
}
