-- The console's signed-in sessions, so a restart of the server does not sign everyone out: each
-- row is one Vert.x session as the session handler serialises it (id, timeout, last access,
-- version, data), with the account it belongs to and when it expires. Rows past expires_at are
-- deleted by the server's own sweep; an account's rows go with it.
CREATE TABLE console_session (
    id          text        PRIMARY KEY,
    account_id  bigint      REFERENCES account (id) ON DELETE CASCADE,
    data        bytea       NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX console_session_expires_at ON console_session (expires_at);
CREATE INDEX console_session_account_id ON console_session (account_id);
