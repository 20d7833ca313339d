-- The fleet list for IT support: each device's latest line verdict as a snapshot (computing medians
-- over a week of samples for thousands of devices on every page view would not be fast), and a
-- planned-outage mark so a device known to be away does not raise an offline alert.
CREATE TABLE device_line (
    device_id   text PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    verdict     text        NOT NULL,
    samples     integer     NOT NULL,
    down_mbps   real,
    up_mbps     real,
    rtt_ms      real,
    jitter_ms   real,
    loss_pct    real,
    computed_at timestamptz NOT NULL
);
ALTER TABLE device ADD COLUMN outage_planned_until timestamptz;
CREATE INDEX device_last_seen_idx ON device (last_seen);
CREATE INDEX alert_open_device_idx ON alert (device_id) WHERE state = 'open';
