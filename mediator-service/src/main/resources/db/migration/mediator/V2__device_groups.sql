-- Device groups are known only by their device group ID (DGID, a public key); the mediator
-- never learns the identity behind one. Everything device-supplied is stored encrypted as sent.
CREATE TABLE device_groups (
    group_id           bytea PRIMARY KEY,
    shared_device_data bytea NOT NULL DEFAULT '\x',
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device_slots (
    group_id              bytea NOT NULL REFERENCES device_groups ON DELETE CASCADE,
    device_id             bigint NOT NULL,
    -- 0 volatile (removed on disconnect), 1 persistent (removed after slot-expiry unused).
    expiration_policy     smallint NOT NULL,
    encrypted_device_info bytea NOT NULL,
    -- Last reflected ID handed out for this slot; the wire carries its low 32 bits.
    next_reflected_id     bigint NOT NULL DEFAULT 0,
    queue_length          integer NOT NULL DEFAULT 0,
    -- The queue passed its limit: the queue is gone and the device is closed with 4114.
    overflowed            boolean NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now(),
    last_active_at        timestamptz NOT NULL DEFAULT now(),
    last_disconnect_at    timestamptz,
    PRIMARY KEY (group_id, device_id)
);

CREATE INDEX device_slots_last_active ON device_slots (last_active_at);

-- One row per receiving device; stored_at is Unix milliseconds, as the wire carries it.
CREATE TABLE reflection_queue (
    group_id     bytea NOT NULL,
    device_id    bigint NOT NULL,
    reflected_id bigint NOT NULL,
    flags        integer NOT NULL,
    stored_at    bigint NOT NULL,
    envelope     bytea NOT NULL,
    PRIMARY KEY (group_id, device_id, reflected_id)
);

CREATE INDEX reflection_queue_stored_at ON reflection_queue (stored_at);
