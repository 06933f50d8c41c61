package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes applications. */
public final class ApplicationStore {
    private static final String COLUMNS = "id, organization_id, name, client_id, secret_salt, secret_hash, revoked_at, "
            + "tokens_valid_after";

    private final Database db;

    public ApplicationStore(Database db) {
        this.db = db;
    }

    /** Stores a new application. */
    public void create(Application app, Instant now) {
        db.transaction("creating an application", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO applications (id, organization_id, name, "
                    + "client_id, secret_salt, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, app.id());
                ps.setString(2, app.organizationId());
                ps.setString(3, app.name());
                ps.setString(4, app.clientId());
                ps.setString(5, app.secretSalt());
                ps.setString(6, app.secretHash());
                ps.setLong(7, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The application with this client id, revoked or not. */
    public Optional<Application> findByClientId(String clientId) {
        return findOne("client_id", clientId);
    }

    /** The application with this id, revoked or not. */
    public Optional<Application> findById(String id) {
        return findOne("id", id);
    }

    /** Applications with their creation time (epoch ms), oldest first; of one organization, or all when null. */
    public List<Listed> list(String organizationId) {
        return db.query("listing applications", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", created_at FROM applications"
                    + (organizationId == null ? "" : " WHERE organization_id = ?") + " ORDER BY created_at, id")) {
                if (organizationId != null) {
                    ps.setString(1, organizationId);
                }
                List<Listed> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Listed(row(rs), rs.getLong(9)));
                    }
                }
                return out;
            }
        });
    }

    /** An application and when it was created. */
    public record Listed(Application application, long createdAt) {
    }

    /** Marks an application revoked (its tokens and secret stop working); false when there is no such one. */
    public boolean revoke(String id, Instant now) {
        return db.transaction("revoking an application", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE applications SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        }) == 1;
    }

    /**
     * Replaces the secret of an active application and refuses the tokens issued before {@code now}; false when
     * there is no such active application.
     */
    public boolean rotateSecret(String id, String salt, String hash, Instant now) {
        return db.transaction("rotating an application secret", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE applications SET secret_salt = ?, secret_hash = ?, "
                    + "tokens_valid_after = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setString(1, salt);
                ps.setString(2, hash);
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, id);
                return ps.executeUpdate();
            }
        }) == 1;
    }

    private Optional<Application> findOne(String column, String value) {
        return db.query("reading an application", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM applications WHERE "
                    + column + " = ?")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Application row(ResultSet rs) throws SQLException {
        long revoked = rs.getLong(7);
        Long revokedAt = rs.wasNull() ? null : revoked;
        return new Application(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), revokedAt, rs.getLong(8));
    }
}
