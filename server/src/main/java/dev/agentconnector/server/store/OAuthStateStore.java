package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Pending OAuth consent flows, keyed by the hash of their state; each can be consumed once. */
public final class OAuthStateStore {
    private final Database db;

    public OAuthStateStore(Database db) {
        this.db = db;
    }

    /** Records a flow (and drops expired ones). */
    public void insert(String stateHash, OAuthState s, Instant now) {
        db.transaction("saving an OAuth state", c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM oauth_states WHERE expires_at < ?")) {
                purge.setLong(1, now.toEpochMilli());
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_states (state_hash, organization_id, "
                    + "workspace_id, connector_type, name, redirect_url, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stateHash);
                ps.setString(2, s.organizationId());
                ps.setString(3, s.workspaceId());
                ps.setString(4, s.connectorType());
                ps.setString(5, s.name());
                ps.setString(6, s.redirectUrl());
                ps.setLong(7, now.toEpochMilli());
                ps.setLong(8, s.expiresAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Deletes the flow and returns it, if it exists and has not expired. Of concurrent callers with the same state,
     * exactly one gets it.
     */
    public Optional<OAuthState> consume(String stateHash, Instant now) {
        return db.transaction("using an OAuth state", c -> {
            OAuthState found = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT organization_id, workspace_id, connector_type, "
                    + "name, redirect_url, expires_at FROM oauth_states WHERE state_hash = ?" + db.forUpdate())) {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new OAuthState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Sql.instant(rs.getLong(6)));
                    }
                }
            }
            if (found == null) {
                return Optional.<OAuthState>empty();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM oauth_states WHERE state_hash = ?")) {
                del.setString(1, stateHash);
                if (del.executeUpdate() != 1) {
                    return Optional.<OAuthState>empty();
                }
            }
            return found.expiresAt().isAfter(now) ? Optional.of(found) : Optional.<OAuthState>empty();
        });
    }
}
