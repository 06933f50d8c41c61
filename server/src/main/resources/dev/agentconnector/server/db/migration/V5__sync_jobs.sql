-- The context-store sync of each connector, shared by every instance on the database. A pass is due at due_at
-- (NULL: not scheduled). An instance claims a due job whose lease is free or lapsed by writing its lease
-- (lease_owner, lease_until), renews the lease while the pass runs, and when the pass ends records its outcome and
-- the next due time: now when a sync was asked for during the pass (requested_at > started_at), else the end plus
-- the service's sync interval. A pass whose instance died is taken over once its lease lapses, and resumes.
CREATE TABLE sync_jobs (
    connector_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    due_at        BIGINT,
    requested_at  BIGINT,
    lease_owner   VARCHAR(64),
    lease_until   BIGINT,
    started_at    BIGINT,
    finished_at   BIGINT,
    outcome       VARCHAR(16),
    error         TEXT,
    report        TEXT,
    passes        INTEGER      NOT NULL DEFAULT 0
);

CREATE INDEX sync_jobs_due ON sync_jobs (due_at);
