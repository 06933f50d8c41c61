package dev.agentconnector.server.connectors;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The {@code sync_jobs} table: which connector's context-store sync is due, and which instance runs it. Every
 * instance on one database claims due jobs through it, so a connector's pass runs on one instance at a time and N
 * instances share the work: on PostgreSQL a claim skips rows another instance is claiming ({@code SKIP LOCKED}); on
 * SQLite claims are serialized by the database's write lock. A claim is a lease, renewed while the pass runs; a lapsed
 * lease (its instance died) frees the job for another.
 */
final class SyncJobs {
    /** A job's row. Times are epoch milliseconds; null when not set. */
    record Job(String connectorId, Long dueAt, Long requestedAt, String leaseOwner, Long leaseUntil, Long startedAt,
               Long finishedAt, String outcome, String error, String report, int passes) {
        /** True while an instance holds a lease that has not lapsed at {@code now}. */
        boolean running(long now) {
            return leaseOwner != null && leaseUntil != null && leaseUntil >= now;
        }
    }

    private final Database db;

    SyncJobs(Database db) {
        this.db = db;
    }

    /** Makes the connector's sync due now (creating its job); a pass running now is followed by another. */
    void request(String connectorId, long now) {
        db.transaction("request a sync", c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_jobs SET due_at = ?, requested_at = ? "
                    + "WHERE connector_id = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, connectorId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_jobs (connector_id, due_at, "
                        + "requested_at) VALUES (?, ?, ?) ON CONFLICT (connector_id) DO UPDATE SET due_at = "
                        + "excluded.due_at, requested_at = excluded.requested_at")) {
                    ps.setString(1, connectorId);
                    ps.setLong(2, now);
                    ps.setLong(3, now);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Claims the job due longest, if any, for {@code owner} until {@code leaseUntil}; returns its connector id.
     * Jobs another instance holds (a lease not lapsed) are skipped.
     */
    Optional<String> claim(String owner, long now, long leaseUntil) {
        String pick = "SELECT connector_id FROM sync_jobs WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                + "ORDER BY due_at, connector_id LIMIT 1"
                + (db.vendor() == Database.Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
        // the outer conditions repeat the inner ones, so that a row claimed meanwhile is not claimed twice
        String sql = "UPDATE sync_jobs SET lease_owner = ?, lease_until = ?, started_at = ? WHERE connector_id = ("
                + pick + ") AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) RETURNING connector_id";
        return db.transaction("claim a sync job", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, owner);
                ps.setLong(i++, leaseUntil);
                ps.setLong(i++, now);
                ps.setLong(i++, now);
                ps.setLong(i++, now);
                ps.setLong(i++, now);
                ps.setLong(i, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Extends the lease; false when this owner no longer holds it (it lapsed and another instance took the job). */
    boolean renew(String connectorId, String owner, long leaseUntil) {
        return db.query("renew a sync lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_jobs SET lease_until = ? WHERE connector_id = ? "
                    + "AND lease_owner = ?")) {
                ps.setLong(1, leaseUntil);
                ps.setString(2, connectorId);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records the end of a pass and frees the lease. The job is due again now when a sync was asked for during the
     * pass, else {@code intervalMillis} from now (no schedule when it is 0).
     */
    void finish(String connectorId, String owner, long now, String outcome, String error, String report,
                long intervalMillis) {
        db.transaction("finish a sync job", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_jobs SET lease_owner = NULL, lease_until = NULL,"
                    + " finished_at = ?, outcome = ?, error = ?, report = ?, passes = passes + 1, due_at = CASE WHEN "
                    + "requested_at > started_at THEN ? ELSE ? END WHERE connector_id = ? AND lease_owner = ?")) {
                ps.setLong(1, now);
                ps.setString(2, outcome);
                ps.setString(3, error);
                ps.setString(4, report);
                ps.setLong(5, now);
                if (intervalMillis > 0) {
                    ps.setLong(6, now + intervalMillis);
                } else {
                    ps.setNull(6, Types.BIGINT);
                }
                ps.setString(7, connectorId);
                ps.setString(8, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Gives a claimed job back unfinished (still due), for any instance to claim at once. */
    void release(String connectorId, String owner) {
        db.query("release a sync job", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_jobs SET lease_owner = NULL, lease_until = NULL "
                    + "WHERE connector_id = ? AND lease_owner = ?")) {
                ps.setString(1, connectorId);
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** The connector's job, if it ever had a sync. */
    Optional<Job> get(String connectorId) {
        return db.query("read a sync job", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT connector_id, due_at, requested_at, lease_owner, "
                    + "lease_until, started_at, finished_at, outcome, error, report, passes FROM sync_jobs WHERE "
                    + "connector_id = ?")) {
                ps.setString(1, connectorId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Job>empty();
                    }
                    return Optional.of(new Job(rs.getString(1), longOrNull(rs, 2), longOrNull(rs, 3),
                            rs.getString(4), longOrNull(rs, 5), longOrNull(rs, 6), longOrNull(rs, 7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11)));
                }
            }
        });
    }

    /** Removes the connector's job. */
    void delete(String connectorId) {
        db.query("delete a sync job", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_jobs WHERE connector_id = ?")) {
                ps.setString(1, connectorId);
                return ps.executeUpdate();
            }
        });
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
