-- Citizens and calls. A citizen record holds only what the service needs: no civil registration
-- number. The loan of a device to a citizen is the citizen's device_id (issue 6 adds its history).

ALTER TABLE account ADD COLUMN team text;

CREATE TABLE citizen (
    id                  bigserial PRIMARY KEY,
    display_name        text        NOT NULL,
    postcode            text,
    assigned_account_id bigint      REFERENCES account (id),
    device_id           text        CONSTRAINT citizen_device_key UNIQUE REFERENCES device (id),
    answer_policy       text        NOT NULL DEFAULT 'ring'
                        CONSTRAINT citizen_answer_policy_check CHECK (answer_policy IN ('ring', 'auto-answer')),
    auto_answer_s       integer     NOT NULL DEFAULT 10
                        CONSTRAINT citizen_auto_answer_s_check CHECK (auto_answer_s BETWEEN 3 AND 120),
    -- Accounts whose calls are auto-answered when the policy is auto-answer.
    auto_answer_callers bigint[]    NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_assigned_idx ON citizen (assigned_account_id);

-- Every call, whatever its outcome. state is the latest; the audit log holds each transition.
CREATE TABLE call (
    id           uuid PRIMARY KEY,
    device_id    text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    citizen_id   bigint      REFERENCES citizen (id) ON DELETE SET NULL,
    account_id   bigint      REFERENCES account (id),
    direction    text        NOT NULL CONSTRAINT call_direction_check CHECK (direction IN ('to-device', 'from-device')),
    state        text        NOT NULL CONSTRAINT call_state_check
                 CHECK (state IN ('ringing', 'connecting', 'connected', 'ended', 'declined', 'missed', 'busy',
                                  'unreachable', 'failed')),
    reason       text,
    created_at   timestamptz NOT NULL,
    answered_at  timestamptz,
    connected_at timestamptz,
    ended_at     timestamptz,
    duration_s   integer,
    quality      jsonb
);
CREATE INDEX call_device_idx ON call (device_id, created_at);
CREATE INDEX call_account_idx ON call (account_id, created_at);
