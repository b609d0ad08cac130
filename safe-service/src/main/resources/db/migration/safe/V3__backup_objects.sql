-- The filesystem and s3 storage backends keep the backup bytes in a blob store under the backup
-- ID and only this row here: what 201 against 204, HEAD and retention need. The postgres backend
-- keeps using the backups table; a service uses one table or the other, never both.
CREATE TABLE backup_objects (
    backup_id  bytea       PRIMARY KEY CHECK (octet_length(backup_id) = 32),
    size       bigint      NOT NULL CHECK (size >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The retention job deletes the oldest rows first in bounded batches.
CREATE INDEX backup_objects_updated_at ON backup_objects (updated_at);
