package dev.agentconnector.server.store;

import java.sql.SQLException;
import java.time.Instant;

/** Small JDBC helpers shared by the stores. */
final class Sql {
    private Sql() {
    }

    /** True when {@code e} reports a UNIQUE or PRIMARY KEY violation, on PostgreSQL or SQLite. */
    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if ("23505".equals(s.getSQLState())) {
                    return true;
                }
                String m = s.getMessage();
                if (m != null && (m.contains("UNIQUE constraint failed") || m.contains("PRIMARY KEY constraint"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
