-- Telemetry is the one table written at tens of thousands of rows a second, and its foreign key
-- to device cost a lookup and a row lock per sample. Every sample's device is already checked where
-- it matters: the broker admits only enrolled, unrevoked devices (AccessPolicy), and only to their
-- own topics. Devices are retired, never deleted, so nothing relied on the cascade; a device that
-- were ever deleted by hand leaves its history behind, which the retention job removes in time.
ALTER TABLE telemetry DROP CONSTRAINT IF EXISTS telemetry_device_id_fkey;
