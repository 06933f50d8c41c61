package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes applications. */
public final class ApplicationStore {
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

    /** The application with this client id. */
    public Optional<Application> findByClientId(String clientId) {
        return db.query("reading an application", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, organization_id, name, client_id, secret_salt, "
                    + "secret_hash FROM applications WHERE client_id = ?")) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Application(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)))
                            : Optional.empty();
                }
            }
        });
    }
}
