-- A device can be taken into stock (bought, labelled, on the shelf) before it is enrolled: it has
-- an id for its label but no certificate yet. Enrolment of the same model and serial gives it one.
ALTER TABLE device ALTER COLUMN cert_fingerprint DROP NOT NULL;
ALTER TABLE device ALTER COLUMN enrolled_at DROP NOT NULL;
