-- Identities and their public keys. The ID is the 8-character Threema ID; a public key
-- registers once. state: 0 ACTIVE, 1 INACTIVE, 2 INVALID (revoked). type: 0 regular, 1 Work.
CREATE TABLE identities (
    id                        char(8)     PRIMARY KEY,
    public_key                bytea       NOT NULL UNIQUE CHECK (length(public_key) = 32),
    state                     smallint    NOT NULL DEFAULT 0,
    type                      smallint    NOT NULL DEFAULT 0,
    feature_mask              bigint      NOT NULL DEFAULT 0,
    server_group              text        NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    -- The 4-byte prefix of SHA-256(revocation password), as the client sends it; nothing more.
    revocation_key            bytea       CHECK (revocation_key IS NULL OR length(revocation_key) = 4),
    revocation_key_changed_at timestamptz,
    revoked_at                timestamptz
);

-- Hashes of linked, verified addresses only (HMAC-SHA256 as the clients compute them).
-- Submitted match hashes are never written anywhere.
CREATE TABLE linked_emails (
    identity_id char(8)     PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    email_hash  bytea       NOT NULL CHECK (length(email_hash) = 32),
    linked_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX linked_emails_hash ON linked_emails (email_hash);

CREATE TABLE linked_phones (
    identity_id char(8)     PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    phone_hash  bytea       NOT NULL CHECK (length(phone_hash) = 32),
    linked_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX linked_phones_hash ON linked_phones (phone_hash);
