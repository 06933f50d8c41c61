package dev.agentconnector.server.store;

import dev.agentconnector.server.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The hosts each organization's OAuth consent flows may redirect to. */
public final class RedirectHostStore {
    private final Database db;

    public RedirectHostStore(Database db) {
        this.db = db;
    }

    /** The organization's allowed hosts, sorted. */
    public List<String> list(String organizationId) {
        return db.query("reading redirect hosts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host FROM redirect_hosts WHERE organization_id = ? ORDER BY host")) {
                ps.setString(1, organizationId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** Whether the organization allows this (normalized) host. */
    public boolean allows(String organizationId, String host) {
        return db.query("reading redirect hosts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM redirect_hosts WHERE organization_id = ? AND host = ?")) {
                ps.setString(1, organizationId);
                ps.setString(2, host);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Adds and removes hosts in one transaction (adding a listed host or removing an absent one is a no-op). */
    public void change(String organizationId, Collection<String> add, Collection<String> remove, Instant now) {
        db.transaction("changing redirect hosts", c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM redirect_hosts WHERE organization_id = ? AND host = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO redirect_hosts (organization_id, host, "
                         + "created_at) VALUES (?, ?, ?) ON CONFLICT (organization_id, host) DO NOTHING")) {
                for (String h : remove) {
                    del.setString(1, organizationId);
                    del.setString(2, h);
                    del.executeUpdate();
                }
                for (String h : add) {
                    ins.setString(1, organizationId);
                    ins.setString(2, h);
                    ins.setLong(3, now.toEpochMilli());
                    ins.executeUpdate();
                }
                return null;
            }
        });
    }
}
