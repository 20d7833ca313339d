-- A call to a device that IT support has locked ends as 'locked', not 'declined': the worker is told
-- the screen is locked, not that the citizen said no.
ALTER TABLE call DROP CONSTRAINT call_state_check;
ALTER TABLE call ADD CONSTRAINT call_state_check
    CHECK (state IN ('ringing', 'connecting', 'connected', 'ended', 'declined', 'missed', 'busy', 'locked',
                     'unreachable', 'failed'));
