-- Client-side Asana limits per connector. NULL uses the service's default for that limit.
ALTER TABLE connectors ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE connectors ADD COLUMN max_concurrent_reads INTEGER;
ALTER TABLE connectors ADD COLUMN max_concurrent_writes INTEGER;

-- The per-minute window of each connector, shared by every instance on the database. An instance takes a lease of
-- a few request starts at a time (one row in rate_limit_leases) while holding the window row's lock, and spends
-- them locally; a lease counts against the window until expires_at: its grant time plus the time allowed to spend
-- it plus one minute, moved to its last start plus one minute when the instance hands back what it did not spend.
CREATE TABLE rate_limit_windows (
    connector_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    updated_at    BIGINT       NOT NULL
);

-- Leases reference the window row, which their transaction has locked already, rather than the connector row, which
-- an OAuth renewal may hold locked while it waits for Asana.
CREATE TABLE rate_limit_leases (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    connector_id  VARCHAR(36)  NOT NULL REFERENCES rate_limit_windows (connector_id) ON DELETE CASCADE,
    starts        INTEGER      NOT NULL,
    expires_at    BIGINT       NOT NULL
);

CREATE INDEX rate_limit_leases_connector ON rate_limit_leases (connector_id, expires_at);
