-- Alerts for IT support. A condition seen on a device starts 'pending'; it becomes 'open' (an
-- alert) once it has lasted the configured time, and 'cleared' when it goes away. A person
-- acknowledges it; an acknowledged alert stays in the table for the record.
CREATE TABLE alert (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id       text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    kind            text        NOT NULL,
    state           text        NOT NULL CONSTRAINT alert_state_check CHECK (state IN ('pending', 'open', 'cleared')),
    since           timestamptz NOT NULL,
    raised_at       timestamptz,
    cleared_at      timestamptz,
    detail          text        NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz
);
-- At most one live (pending or open) alert of a kind per device.
CREATE UNIQUE INDEX alert_live_idx ON alert (device_id, kind) WHERE state IN ('pending', 'open');
CREATE INDEX alert_raised_idx ON alert (raised_at DESC) WHERE raised_at IS NOT NULL;
