-- Records synced from a SaaS API: one row per record, the record as JSON, and the same JSON with every string
-- lower-cased (Unicode-aware, done by the application) for the case-insensitive text operators.
CREATE TABLE cs_records (
    scope     TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    gid       TEXT    NOT NULL,
    doc       TEXT    NOT NULL,
    folded    TEXT    NOT NULL,
    synced_at INTEGER NOT NULL,
    PRIMARY KEY (scope, entity, gid)
);
