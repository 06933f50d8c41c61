-- Where an incremental sync continues: per scope, the events sync token of each followed resource (a project).
CREATE TABLE cs_sync_tokens (
    scope      TEXT    NOT NULL,
    resource   TEXT    NOT NULL,
    token      TEXT    NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (scope, resource)
);
