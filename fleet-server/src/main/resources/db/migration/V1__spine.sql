-- The spine: inventory, presence, latest status, telemetry, commands, accounts, audit.

CREATE TABLE device (
    id               text PRIMARY KEY,
    model            text        NOT NULL,
    serial           text        NOT NULL,
    lifecycle        text        NOT NULL DEFAULT 'enrolled'
                     CONSTRAINT device_lifecycle_check CHECK (lifecycle IN ('in_stock', 'enrolled', 'loaned', 'returned', 'retired')),
    cert_fingerprint text        NOT NULL CONSTRAINT device_cert_fingerprint_key UNIQUE,
    cert_not_after   timestamptz,
    revoked          boolean     NOT NULL DEFAULT false,
    revoked_at       timestamptz,
    enrolled_at      timestamptz NOT NULL DEFAULT now(),
    online           boolean     NOT NULL DEFAULT false,
    connected_at     timestamptz,
    last_seen        timestamptz,
    app_version      text,
    CONSTRAINT device_model_serial_key UNIQUE (model, serial)
);

-- Latest status per device (one row, overwritten); history lives in telemetry.
CREATE TABLE device_status (
    device_id        text PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    reported_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    app_version      text        NOT NULL,
    uptime_s         bigint      NOT NULL,
    cpu_temp_c       real,
    throttled        boolean,
    mem_total_mb     bigint      NOT NULL,
    mem_available_mb bigint      NOT NULL,
    disk_total_mb    bigint      NOT NULL,
    disk_free_mb     bigint      NOT NULL,
    camera           boolean     NOT NULL,
    microphone       boolean     NOT NULL,
    speaker          boolean     NOT NULL,
    screen           boolean     NOT NULL
);

-- Network samples. (device_id, seq) makes a resent sample a no-op; BRIN on time keeps the
-- retention delete and range scans cheap on an append-mostly table.
CREATE TABLE telemetry (
    device_id   text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    seq         bigint      NOT NULL,
    sampled_at  timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    link        text        NOT NULL,
    rtt_ms      real,
    jitter_ms   real,
    loss_pct    real,
    down_mbps   real,
    up_mbps     real,
    signal_dbm  integer,
    CONSTRAINT telemetry_pkey PRIMARY KEY (device_id, seq)
);
CREATE INDEX telemetry_sampled_at_brin ON telemetry USING brin (sampled_at);
CREATE INDEX telemetry_device_time_idx ON telemetry (device_id, sampled_at);

CREATE TABLE command (
    id          uuid PRIMARY KEY,
    device_id   text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    type        text        NOT NULL,
    params      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    issued_by   text        NOT NULL,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    state       text        NOT NULL DEFAULT 'queued'
                CONSTRAINT command_state_check CHECK (state IN ('queued', 'delivered', 'done', 'failed', 'expired')),
    detail      text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_device_state_idx ON command (device_id, state);

-- What the device last reported applying (desired settings are the retained config message).
CREATE TABLE device_config (
    device_id         text PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    desired_revision  bigint      NOT NULL DEFAULT 0,
    desired           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    reported_revision bigint,
    reported          jsonb,
    reported_applied  boolean,
    reported_error    text,
    reported_at       timestamptz
);

-- Payloads refused by the ingest, kept (truncated) so IT support can see what a device sent.
CREATE TABLE rejected_message (
    id          bigserial PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    client_id   text        NOT NULL,
    topic       text        NOT NULL,
    reason      text        NOT NULL,
    detail      text        NOT NULL,
    payload     bytea       NOT NULL
);
CREATE INDEX rejected_message_received_idx ON rejected_message (received_at);

CREATE TABLE account (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL CONSTRAINT account_username_key UNIQUE,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CONSTRAINT account_role_check CHECK (role IN ('staff', 'support', 'admin')),
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text,
    detail  jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
