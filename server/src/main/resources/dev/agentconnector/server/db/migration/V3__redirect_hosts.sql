-- Hosts an organization's OAuth consent flows may send the browser back to (besides loopback hosts).
CREATE TABLE redirect_hosts (
    organization_id  VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    host             VARCHAR(253) NOT NULL,
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (organization_id, host)
);
