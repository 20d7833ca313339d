-- Loans: which citizen has had which device, from when, until when (expected and actual). The
-- current loan of a device is the one not yet returned; the citizen's device_id mirrors it.
CREATE TABLE loan (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id       text   NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    citizen_id      bigint REFERENCES citizen (id) ON DELETE SET NULL,
    started_on      date   NOT NULL,
    expected_return date,
    returned_on     date,
    created_by      text   NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT loan_dates_check CHECK (returned_on IS NULL OR returned_on >= started_on)
);
-- One open loan per device.
CREATE UNIQUE INDEX loan_open_device_idx ON loan (device_id) WHERE returned_on IS NULL;
-- Loans that citizens were given before loans were recorded: the citizen's device, from its enrolment.
INSERT INTO loan (device_id, citizen_id, started_on, created_by)
SELECT c.device_id, c.id, c.created_at::date, 'migration' FROM citizen c WHERE c.device_id IS NOT NULL;
UPDATE device SET lifecycle = 'loaned' WHERE id IN (SELECT device_id FROM citizen WHERE device_id IS NOT NULL);
