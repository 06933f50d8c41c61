package dev.agentconnector.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared per-minute windows of connectors: a row per connector in {@code rate_limit_windows}, locked while
 * starts are leased, and the leases in {@code rate_limit_leases}. Every method runs inside the caller's transaction;
 * leases are only taken, and expired ones dropped, under the window's lock.
 */
public final class RateLimitStore {
    /** Starts leased from a window, counting against it until {@code expiresAt} (epoch milliseconds). */
    public record Lease(int starts, long expiresAt) {
    }

    /**
     * Locks the connector's window until the transaction ends (a PostgreSQL row lock; SQLite transactions hold the
     * write lock already), creating it on first use.
     *
     * @return false when the connector no longer exists
     */
    public boolean lockWindow(Connection c, String connectorId, long now) throws SQLException {
        if (touch(c, connectorId, now)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_limit_windows (connector_id, updated_at) "
                + "SELECT id, ? FROM connectors WHERE id = ? ON CONFLICT (connector_id) DO NOTHING")) {
            ps.setLong(1, now);
            ps.setString(2, connectorId);
            ps.executeUpdate();
        }
        return touch(c, connectorId, now);
    }

    private static boolean touch(Connection c, String connectorId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rate_limit_windows SET updated_at = ? WHERE connector_id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, connectorId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Drops the connector's expired leases and returns the others, soonest to expire first. */
    public List<Lease> liveLeases(Connection c, String connectorId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rate_limit_leases WHERE connector_id = ? AND expires_at <= ?")) {
            ps.setString(1, connectorId);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
        List<Lease> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT starts, expires_at FROM rate_limit_leases "
                + "WHERE connector_id = ? ORDER BY expires_at")) {
            ps.setString(1, connectorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Lease(rs.getInt(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** Records a new lease. */
    public void insertLease(Connection c, String leaseId, String connectorId, int starts, long expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rate_limit_leases (id, connector_id, starts, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, leaseId);
            ps.setString(2, connectorId);
            ps.setInt(3, starts);
            ps.setLong(4, expiresAt);
            ps.executeUpdate();
        }
    }

    /**
     * Hands back what a lease did not spend: it then counts only the starts made, until a minute after the last of
     * them ({@code expiresAt}); a lease with none is deleted.
     */
    public void settleLease(Connection c, String leaseId, int startsMade, long expiresAt) throws SQLException {
        if (startsMade <= 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rate_limit_leases WHERE id = ?")) {
                ps.setString(1, leaseId);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE rate_limit_leases SET starts = ?, expires_at = ? "
                + "WHERE id = ? AND expires_at > ?")) {
            ps.setInt(1, startsMade);
            ps.setLong(2, expiresAt);
            ps.setString(3, leaseId);
            ps.setLong(4, expiresAt);
            ps.executeUpdate();
        }
    }
}
