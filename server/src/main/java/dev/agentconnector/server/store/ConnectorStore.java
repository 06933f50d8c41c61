package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes connectors; every read is limited to one organization. */
public final class ConnectorStore {
    private static final String COLUMNS = "c.id, c.organization_id, c.workspace_id, w.name, c.name, c.connector_type, "
            + "c.definition_id, c.auth_type, c.credentials, c.created_at, c.updated_at, c.version, "
            + "c.requests_per_minute, c.max_concurrent_reads, c.max_concurrent_writes";
    private static final String FROM = " FROM connectors c JOIN workspaces w ON w.id = c.workspace_id";

    private final Database db;

    public ConnectorStore(Database db) {
        this.db = db;
    }

    /** Stores a new connector (version 1). */
    public void insert(ConnectorRow r) {
        db.transaction("creating a connector", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO connectors (id, organization_id, workspace_id, "
                    + "name, connector_type, definition_id, auth_type, credentials, created_at, updated_at, version, "
                    + "requests_per_minute, max_concurrent_reads, max_concurrent_writes) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.id());
                ps.setString(2, r.organizationId());
                ps.setString(3, r.workspaceId());
                ps.setString(4, r.name());
                ps.setString(5, r.connectorType());
                ps.setString(6, r.definitionId());
                ps.setString(7, r.authType());
                ps.setString(8, r.sealedCredentials());
                ps.setLong(9, r.createdAt().toEpochMilli());
                ps.setLong(10, r.updatedAt().toEpochMilli());
                ps.setLong(11, r.version());
                setLimits(ps, 12, r.rateLimits());
                return ps.executeUpdate();
            }
        });
    }

    /** The organization's connector with this id. */
    public Optional<ConnectorRow> find(String organizationId, String id) {
        return db.query("reading a connector", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE c.id = ? AND c.organization_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, organizationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The connector with this id, whichever organization owns it (for the service's own background work). */
    public Optional<ConnectorRow> findById(String id) {
        return db.query("reading a connector", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE c.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The organization's connectors, oldest first, optionally of one workspace and one definition. */
    public List<ConnectorRow> list(String organizationId, String workspaceName, String definitionId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE c.organization_id = ?");
        if (workspaceName != null) {
            sql.append(" AND w.name = ?");
        }
        if (definitionId != null) {
            sql.append(" AND c.definition_id = ?");
        }
        sql.append(" ORDER BY c.created_at, c.id");
        return db.query("listing connectors", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, organizationId);
                if (workspaceName != null) {
                    ps.setString(i++, workspaceName);
                }
                if (definitionId != null) {
                    ps.setString(i, definitionId);
                }
                List<ConnectorRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Renames a connector, replaces its credentials and/or its rate limits ({@code null} keeps each), bumping the
     * version so that every instance rebuilds its executor.
     *
     * @return false when the connector no longer exists
     */
    public boolean update(String organizationId, String id, String name, String authType, String sealedCredentials,
                          ConnectorRateLimits rateLimits, Instant now) {
        return db.transaction("updating a connector", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET name = COALESCE(?, name), "
                    + "auth_type = COALESCE(?, auth_type), credentials = COALESCE(?, credentials), updated_at = ?, "
                    + (rateLimits == null ? "" : "requests_per_minute = ?, max_concurrent_reads = ?, "
                            + "max_concurrent_writes = ?, ")
                    + "version = version + 1 WHERE id = ? AND organization_id = ?")) {
                ps.setString(1, name);
                ps.setString(2, authType);
                ps.setString(3, sealedCredentials);
                ps.setLong(4, now.toEpochMilli());
                int i = 5;
                if (rateLimits != null) {
                    setLimits(ps, i, rateLimits);
                    i += 3;
                }
                ps.setString(i++, id);
                ps.setString(i, organizationId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void setLimits(PreparedStatement ps, int first, ConnectorRateLimits l) throws SQLException {
        setInt(ps, first, l.requestsPerMinute());
        setInt(ps, first + 1, l.maxConcurrentReads());
        setInt(ps, first + 2, l.maxConcurrentWrites());
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static Integer getInt(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }

    /** Deletes the organization's connector; false when there was none. */
    public boolean delete(String organizationId, String id) {
        return db.transaction("deleting a connector", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM connectors WHERE id = ? AND organization_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, organizationId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Sealed credentials and version of a connector, as read under a lock inside a transaction. */
    public record LockedCredentials(String sealedCredentials, long version) {
        @Override
        public String toString() {
            return "LockedCredentials[version=" + version + ", credentials=****]";
        }
    }

    /**
     * Reads a connector's credentials inside the caller's transaction, locking the row until it ends (PostgreSQL
     * {@code FOR UPDATE}; SQLite transactions hold the write lock already).
     */
    public Optional<LockedCredentials> lockCredentials(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT credentials, version FROM connectors WHERE id = ?" + db.forUpdate())) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new LockedCredentials(rs.getString(1), rs.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /** Replaces a connector's credentials inside the caller's transaction and returns the new version. */
    public long storeCredentials(Connection c, String id, String sealedCredentials, long currentVersion)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE connectors SET credentials = ?, version = ? WHERE id = ?")) {
            ps.setString(1, sealedCredentials);
            ps.setLong(2, currentVersion + 1);
            ps.setString(3, id);
            ps.executeUpdate();
        }
        return currentVersion + 1;
    }

    private static ConnectorRow row(ResultSet rs) throws SQLException {
        return new ConnectorRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Sql.instant(rs.getLong(10)),
                Sql.instant(rs.getLong(11)), rs.getLong(12),
                new ConnectorRateLimits(getInt(rs, 13), getInt(rs, 14), getInt(rs, 15)));
    }
}
