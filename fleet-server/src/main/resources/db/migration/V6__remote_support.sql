-- Remote support: whether IT support has locked a device (set when the device confirms a lock or
-- unlock command), and the diagnostics bundles devices upload for collect-logs commands.
ALTER TABLE device ADD COLUMN locked boolean NOT NULL DEFAULT false;

CREATE TABLE log_bundle (
    id          uuid PRIMARY KEY,
    device_id   text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    command_id  uuid        NOT NULL REFERENCES command (id) ON DELETE CASCADE,
    received_at timestamptz NOT NULL DEFAULT now(),
    size_bytes  integer     NOT NULL,
    file_name   text        NOT NULL
);
CREATE INDEX log_bundle_device_idx ON log_bundle (device_id, received_at DESC);
