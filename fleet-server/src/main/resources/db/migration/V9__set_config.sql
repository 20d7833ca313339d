-- A set-config command is carried out by the fleet: it publishes a new retained config revision,
-- and the command is done when the device reports that revision applied.
ALTER TABLE command ADD COLUMN config_revision bigint;
