-- Schema of the hosted execution service. Plain SQL that runs unchanged on SQLite and PostgreSQL: ids are UUID
-- strings, times are epoch milliseconds, and encrypted values are text ("v1:" + base64 of nonce, ciphertext, tag).

CREATE TABLE organizations (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL
);

-- client_secret is stored as salted SHA-256 only; the secret is shown once, when the application is created.
CREATE TABLE applications (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    name             VARCHAR(200) NOT NULL,
    client_id        VARCHAR(64)  NOT NULL UNIQUE,
    secret_salt      VARCHAR(64)  NOT NULL,
    secret_hash      VARCHAR(64)  NOT NULL,
    created_at       BIGINT       NOT NULL
);

CREATE TABLE workspaces (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    name             VARCHAR(200) NOT NULL,
    created_at       BIGINT       NOT NULL,
    CONSTRAINT workspaces_org_name UNIQUE (organization_id, name)
);

-- credentials: AES-256-GCM of the credential JSON, with the connector id as associated data.
-- version: incremented whenever the stored credentials change (edits and OAuth refreshes), so every server
-- instance knows when its cached executor is out of date.
CREATE TABLE connectors (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    workspace_id     VARCHAR(36)  NOT NULL REFERENCES workspaces (id),
    name             VARCHAR(200) NOT NULL,
    connector_type   VARCHAR(50)  NOT NULL,
    definition_id    VARCHAR(36)  NOT NULL,
    auth_type        VARCHAR(16)  NOT NULL,
    credentials      TEXT         NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    version          BIGINT       NOT NULL
);

CREATE INDEX connectors_org_workspace ON connectors (organization_id, workspace_id);

-- An organization's own OAuth app per connector type; client_secret is AES-256-GCM encrypted.
CREATE TABLE oauth_apps (
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    connector_type   VARCHAR(50)  NOT NULL,
    client_id        VARCHAR(200) NOT NULL,
    client_secret    TEXT         NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (organization_id, connector_type)
);

-- Pending consent flows. Only the SHA-256 of each state is kept; a state is deleted when used.
CREATE TABLE oauth_states (
    state_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    workspace_id     VARCHAR(36)  NOT NULL REFERENCES workspaces (id),
    connector_type   VARCHAR(50)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    redirect_url     TEXT         NOT NULL,
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL
);

CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
