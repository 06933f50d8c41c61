package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Organizations' own OAuth apps. */
public final class OAuthAppStore {
    private final Database db;

    public OAuthAppStore(Database db) {
        this.db = db;
    }

    /** Creates or replaces the organization's app for a connector type. */
    public void upsert(OAuthAppRow app) {
        db.transaction("saving an OAuth app", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_apps (organization_id, connector_type, "
                    + "client_id, client_secret, updated_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (organization_id, connector_type) DO UPDATE SET client_id = EXCLUDED.client_id, "
                    + "client_secret = EXCLUDED.client_secret, updated_at = EXCLUDED.updated_at")) {
                ps.setString(1, app.organizationId());
                ps.setString(2, app.connectorType());
                ps.setString(3, app.clientId());
                ps.setString(4, app.sealedSecret());
                ps.setLong(5, app.updatedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The organization's app for a connector type. */
    public Optional<OAuthAppRow> find(String organizationId, String connectorType) {
        return db.query("reading an OAuth app", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT organization_id, connector_type, client_id, "
                    + "client_secret, updated_at FROM oauth_apps WHERE organization_id = ? AND connector_type = ?")) {
                ps.setString(1, organizationId);
                ps.setString(2, connectorType);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new OAuthAppRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Sql.instant(rs.getLong(5))))
                            : Optional.empty();
                }
            }
        });
    }

    /** Removes the organization's app for a connector type; false when there was none. */
    public boolean delete(String organizationId, String connectorType) {
        return db.transaction("deleting an OAuth app", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM oauth_apps WHERE organization_id = ? AND connector_type = ?")) {
                ps.setString(1, organizationId);
                ps.setString(2, connectorType);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
