package dev.agentconnector.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hosted API on PostgreSQL, in a fresh schema of the database named by {@code ASANA_AGENT_TEST_PG_URL} (default
 * {@value #DEFAULT_URL}). Skipped, with the reason, when that database cannot be reached.
 */
class PostgresHostedApiTest extends HostedApiContract {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /**
     * Added to a URL without a password: a trust-auth server ignores it, and the suite proves it is never logged,
     * answered or stored.
     */
    private static final String PROBE_PASSWORD = "pg-probe-password-4711";

    private final byte[] masterKey = new byte[32];
    private String adminUrl;
    private String schema;

    @Override
    protected String prepareDatabase() {
        String env = System.getenv("ASANA_AGENT_TEST_PG_URL");
        adminUrl = env == null || env.isBlank() ? DEFAULT_URL : env.strip();
        schema = "asana_agent_test_" + HexFormat.of().formatHex(randomBytes(6));
        ThreadLocalRandom.current().nextBytes(masterKey);
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            return null;
        } catch (SQLException e) {
            schema = null;
            return "PostgreSQL is not reachable at " + redacted(adminUrl) + " (" + e.getMessage()
                    + "); set ASANA_AGENT_TEST_PG_URL to a reachable database to run the PostgreSQL contract tests";
        }
    }

    @Override
    protected ServerConfig.Builder database(ServerConfig.Builder b) {
        String url = adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        if (!adminUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            url += "&password=" + PROBE_PASSWORD;
        }
        return b.dbUrl(url).masterKey(masterKey);
    }

    @Override
    protected List<String> databaseSecrets() {
        return adminUrl.toLowerCase(java.util.Locale.ROOT).contains("password=") ? List.of()
                : List.of(PROBE_PASSWORD);
    }

    @Override
    protected byte[] storedBytes() throws SQLException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + schema + "." + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            if (v != null) {
                                all.writeBytes(v.getBytes(StandardCharsets.ISO_8859_1));
                                all.write('\n');
                            }
                        }
                    }
                }
            }
        }
        return all.toByteArray();
    }

    @Override
    protected String masterKeyBase64() {
        return Base64.getEncoder().encodeToString(masterKey);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }
}
