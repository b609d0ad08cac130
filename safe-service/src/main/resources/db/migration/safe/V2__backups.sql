-- One row per backup. The server stores only the opaque ciphertext and when it last changed:
-- no identity, no client address.
CREATE TABLE backups (
    backup_id  bytea       PRIMARY KEY CHECK (octet_length(backup_id) = 32),
    data       bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Ciphertext does not compress: store it out of line without trying.
ALTER TABLE backups ALTER COLUMN data SET STORAGE EXTERNAL;

-- The retention job deletes the oldest rows first in bounded batches.
CREATE INDEX backups_updated_at ON backups (updated_at);
