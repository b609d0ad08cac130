-- Store-and-forward queue. A row exists from the moment a message was acknowledged to its sender
-- until its receiver acknowledged it (or it expired). seq gives the delivery order per receiver.
-- payload is the message struct as received (metadata form), so any receiver format can be served.
CREATE TABLE messages (
    seq          bigserial   PRIMARY KEY,
    receiver     char(8)     NOT NULL,
    sender       char(8)     NOT NULL,
    message_id   bigint      NOT NULL,
    -- Flag 0x04: the receiver will not acknowledge, so the row goes once it was sent.
    no_ack       boolean     NOT NULL DEFAULT false,
    expires_at   timestamptz NOT NULL,
    payload      bytea       NOT NULL,
    UNIQUE (receiver, sender, message_id)
);
CREATE INDEX messages_receiver_seq ON messages (receiver, seq);
CREATE INDEX messages_expires_at ON messages (expires_at);

-- Push tokens per identity and csp-device-id (0 without multi-device); kind 0 is the regular
-- token (0x20), 1 the high-priority VoIP one (0x24).
CREATE TABLE push_tokens (
    identity   char(8)     NOT NULL,
    device_id  bigint      NOT NULL,
    kind       smallint    NOT NULL,
    token_type smallint    NOT NULL,
    token      bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (identity, device_id, kind)
);
