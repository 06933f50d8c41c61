package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads workspaces and creates them on first use. */
public final class WorkspaceStore {
    private final Database db;

    public WorkspaceStore(Database db) {
        this.db = db;
    }

    /** The organization's workspace of this name, created when it does not exist yet. */
    public Workspace getOrCreate(String organizationId, String name, Instant now) {
        Optional<Workspace> existing = find(organizationId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        return db.transaction("creating a workspace", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspaces (id, organization_id, name, "
                    + "created_at) VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, name) DO NOTHING")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, organizationId);
                ps.setString(3, name);
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return find(c, organizationId, name).orElseThrow(
                    () -> new SQLException("workspace row missing right after its insert"));
        });
    }

    /** The organization's workspace of this name. */
    public Optional<Workspace> find(String organizationId, String name) {
        return db.query("reading a workspace", c -> find(c, organizationId, name));
    }

    private static Optional<Workspace> find(Connection c, String organizationId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, organization_id, name FROM workspaces WHERE organization_id = ? AND name = ?")) {
            ps.setString(1, organizationId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Workspace(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }
}
