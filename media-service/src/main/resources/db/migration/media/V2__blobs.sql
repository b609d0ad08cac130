-- One row per stored blob. The bytes live in the blob store under the lowercase hex of id.
CREATE TABLE blob (
    id              bytea       PRIMARY KEY CHECK (length(id) = 16),
    size            bigint      NOT NULL CHECK (size >= 0),
    -- persist = false: a single-use (1:1) blob, deleted on its first "done".
    persist         boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- Set by the first "done" of a persistent blob; single-use blobs are deleted instead.
    done_at         timestamptz,
    -- NULL for a blob uploaded to the blob server; 'local' or 'public' for a blob-mirror upload.
    -- A 'public' mirror blob is served on the normal download path too; a 'local' one only to
    -- its device group.
    mirror_scope    text        CHECK (mirror_scope IN ('local', 'public')),
    -- The device group whose mirror holds a copy; NULL when no mirror copy exists.
    device_group_id bytea       CHECK (length(device_group_id) = 32),
    CHECK ((mirror_scope IS NULL) = (device_group_id IS NULL))
);

-- The expiry job takes the oldest expired rows in bounded batches.
CREATE INDEX blob_expires_at ON blob (expires_at);
