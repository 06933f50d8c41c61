package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes organizations. */
public final class OrganizationStore {
    private final Database db;

    public OrganizationStore(Database db) {
        this.db = db;
    }

    /**
     * Creates an organization.
     *
     * @throws DuplicateException when the name is taken
     */
    public Organization create(String name, Instant now) {
        Organization org = new Organization(UUID.randomUUID().toString(), name, now);
        return db.transaction("creating an organization", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, org.id());
                ps.setString(2, name);
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    throw new DuplicateException("an organization named '" + name + "' already exists");
                }
                throw e;
            }
            return org;
        });
    }

    /** The organization with this exact name. */
    public Optional<Organization> findByName(String name) {
        return find("SELECT id, name, created_at FROM organizations WHERE name = ?", name);
    }

    /** The organization with this id. */
    public Optional<Organization> findById(String id) {
        return find("SELECT id, name, created_at FROM organizations WHERE id = ?", id);
    }

    private Optional<Organization> find(String sql, String arg) {
        return db.query("reading an organization", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Organization(rs.getString(1), rs.getString(2), Sql.instant(rs.getLong(3))))
                            : Optional.empty();
                }
            }
        });
    }
}
