package dev.agentconnector.contextstore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The contract on PostgreSQL, in schemas of its own (one per fresh database asked for), at
 * {@code ASANA_AGENT_TEST_PG_URL} (default {@value #DEFAULT_URL}); skipped with the reason when no server answers
 * there.
 */
class PostgresContextStoreTest extends ContextStoreContract {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private PGSimpleDataSource admin;
    private final List<String> schemas = new ArrayList<>();

    @Override
    DataSource dataSource() {
        String env = System.getenv("ASANA_AGENT_TEST_PG_URL");
        String url = env == null || env.isBlank() ? DEFAULT_URL : env;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        String schema = "cs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + url + " (" + e.getMessage() + "); set ASANA_AGENT_TEST_PG_URL to "
                    + "a reachable database to run these tests");
        }
        admin = ds;
        schemas.add(schema);
        PGSimpleDataSource scoped = new PGSimpleDataSource();
        scoped.setUrl(url);
        scoped.setCurrentSchema(schema);
        return scoped;
    }

    @AfterAll
    void dropSchema() throws SQLException {
        if (admin != null) {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                for (String schema : schemas) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }
}
