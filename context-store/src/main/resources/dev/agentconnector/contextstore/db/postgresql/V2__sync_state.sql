-- When each scope's entity last completed a sync pass (for synced_at in search results).
CREATE TABLE cs_sync_state (
    scope     TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    synced_at BIGINT  NOT NULL,
    PRIMARY KEY (scope, entity)
);
