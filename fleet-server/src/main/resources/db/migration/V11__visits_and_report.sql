-- The support worker's console and the organisation's report (issue 7): booked online visits, the
-- contact log that compares online with in-person contacts, per-citizen reminder and travel figures
-- for the savings estimate, and the read-only manager role.

ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('staff', 'support', 'admin', 'manager'));

ALTER TABLE citizen
    -- Minutes before an online visit that the kiosk reminds the citizen; 0 = no reminder.
    ADD COLUMN reminder_minutes integer NOT NULL DEFAULT 15
               CONSTRAINT citizen_reminder_minutes_check CHECK (reminder_minutes BETWEEN 0 AND 1440),
    -- One-way drive from the office, for the savings estimate.
    ADD COLUMN travel_minutes   integer CONSTRAINT citizen_travel_minutes_check CHECK (travel_minutes BETWEEN 0 AND 600),
    ADD COLUMN travel_km        numeric(6, 1) CONSTRAINT citizen_travel_km_check CHECK (travel_km BETWEEN 0 AND 1000),
    ADD COLUMN in_target_group  boolean NOT NULL DEFAULT true;

-- An online visit booked with a citizen. Cancelled ones are kept (the report and the audit say so).
CREATE TABLE appointment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id  bigint      NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
    account_id  bigint      NOT NULL REFERENCES account (id),
    starts_at   timestamptz NOT NULL,
    minutes     integer     NOT NULL DEFAULT 30 CONSTRAINT appointment_minutes_check CHECK (minutes BETWEEN 5 AND 480),
    state       text        NOT NULL DEFAULT 'booked' CONSTRAINT appointment_state_check CHECK (state IN ('booked', 'cancelled')),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_citizen_idx ON appointment (citizen_id, starts_at) WHERE state = 'booked';
CREATE INDEX appointment_account_idx ON appointment (account_id, starts_at) WHERE state = 'booked';

-- A call started from an appointment is linked to it.
ALTER TABLE call ADD COLUMN appointment_id bigint REFERENCES appointment (id) ON DELETE SET NULL;

-- Every contact with a citizen, whichever way it happened; an online one points at its call.
-- The note is short and non-clinical by design: its type says what it was about.
CREATE TABLE contact (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id  bigint      NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
    account_id  bigint      NOT NULL REFERENCES account (id),
    kind        text        NOT NULL CONSTRAINT contact_kind_check CHECK (kind IN ('online', 'physical', 'phone')),
    happened_at timestamptz NOT NULL,
    minutes     integer     CONSTRAINT contact_minutes_check CHECK (minutes BETWEEN 0 AND 600),
    completed   boolean     NOT NULL,
    note_type   text        CONSTRAINT contact_note_type_check CHECK (note_type IN ('adl', 'structure', 'post-finances', 'follow-up')),
    note        text        CONSTRAINT contact_note_check CHECK (char_length(note) <= 500),
    call_id     uuid        CONSTRAINT contact_call_key UNIQUE REFERENCES call (id) ON DELETE SET NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_happened_idx ON contact (happened_at);
CREATE INDEX contact_citizen_idx ON contact (citizen_id, happened_at);
