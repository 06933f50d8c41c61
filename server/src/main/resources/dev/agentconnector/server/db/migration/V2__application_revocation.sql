-- Revocation: a revoked application's tokens stop working on every instance within seconds, and a rotated secret
-- invalidates the tokens issued before it (tokens carry their issue time in epoch milliseconds).
ALTER TABLE applications ADD COLUMN revoked_at BIGINT;
ALTER TABLE applications ADD COLUMN tokens_valid_after BIGINT NOT NULL DEFAULT 0;
