-- Threema Work: organisations, their directory categories and their users. A Work user signs
-- in with username/password (scrypt hash) and may own one identity.
CREATE TABLE work_orgs (
    id                bigserial   PRIMARY KEY,
    name              text        NOT NULL UNIQUE,
    support_url       text,
    logo_light_url    text,
    logo_dark_url     text,
    directory_enabled boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE work_categories (
    org_id bigint NOT NULL REFERENCES work_orgs (id) ON DELETE CASCADE,
    id     text   NOT NULL,
    label  text   NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE work_users (
    id              bigserial   PRIMARY KEY,
    org_id          bigint      NOT NULL REFERENCES work_orgs (id) ON DELETE CASCADE,
    username        text        NOT NULL UNIQUE,
    password_hash   text        NOT NULL,
    identity_id     char(8)     UNIQUE REFERENCES identities (id),
    first_name      text,
    last_name       text,
    job_title       text,
    department      text,
    csi             text,
    categories      text[]      NOT NULL DEFAULT '{}',
    public_nickname text,
    client_version  text,
    -- directory.WorkProperties as the client uploads it (api-client/v1/user-properties), opaque here.
    properties      bytea,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_users_org ON work_users (org_id);

-- Licence keys for licence-mode=license-key, managed through the admin API.
CREATE TABLE licence_keys (
    licence_key text        PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);
