-- The last device cookie each identity logged in with (PROTOCOLS.md §5.3), and whether a change
-- was seen that the client has not yet acknowledged with 0xd3.
CREATE TABLE device_cookies (
    identity         char(8)     PRIMARY KEY,
    cookie           bytea       NOT NULL CHECK (length(cookie) = 16),
    change_indicated boolean     NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
