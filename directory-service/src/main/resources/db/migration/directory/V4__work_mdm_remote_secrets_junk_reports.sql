-- MDM parameters an organisation pushes to its clients through fetch2 (values are strings,
-- numbers or booleans), and whether they override what the user set.
ALTER TABLE work_orgs ADD COLUMN mdm_override boolean NOT NULL DEFAULT false;
ALTER TABLE work_orgs ADD COLUMN mdm_params   jsonb   NOT NULL DEFAULT '{}'::jsonb;

-- Remote secrets (api-client/v1/remote-secret): a Work app keeps part of its local key here so
-- the organisation can lock the app by deleting it. Only the SHA-256 of the authentication
-- token is kept, so a database dump does not hand out working tokens.
CREATE TABLE work_remote_secrets (
    token_hash   bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    work_user_id bigint      NOT NULL REFERENCES work_users (id) ON DELETE CASCADE,
    identity_id  char(8)     NOT NULL REFERENCES identities (id),
    secret       bytea       NOT NULL CHECK (length(secret) = 32),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_remote_secrets_identity ON work_remote_secrets (identity_id);

-- identity/report_junk: who reported whom as junk, once per pair; operators read counts.
CREATE TABLE junk_reports (
    reported_id char(8)     NOT NULL REFERENCES identities (id),
    reporter_id char(8)     NOT NULL REFERENCES identities (id),
    nickname    text,
    reported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (reported_id, reporter_id)
);
