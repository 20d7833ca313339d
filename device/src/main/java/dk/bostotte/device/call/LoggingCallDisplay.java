package dk.bostotte.device.call;

import dk.bostotte.protocol.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The call screen of a device without one (headless, simulated): each change is one log line. */
public final class LoggingCallDisplay implements CallController.Display {

    private static final Logger log = LoggerFactory.getLogger(LoggingCallDisplay.class);

    private final DeviceId id;

    public LoggingCallDisplay(DeviceId id) {
        this.id = id;
    }

    @Override
    public void ringing(String caller, Integer autoAnswerS) {
        log.info("device {} call: ringing, {} calling{}", id, caller,
                autoAnswerS == null ? "" : " (auto-answer in " + autoAnswerS + " s, camera goes live)");
    }

    @Override
    public void calling() {
        log.info("device {} call: calling the support worker", id);
    }

    @Override
    public void connecting(String other) {
        log.info("device {} call: connecting to {}", id, other);
    }

    @Override
    public void inCall(String other) {
        log.info("device {} call: in call with {}", id, other);
    }

    @Override
    public void ended(String reason) {
        log.info("device {} call: idle ({})", id, reason);
    }

    @Override
    public void profileChanged(MediaProfile profile) {
        log.info("device {} call: now sending {}", id, profile);
    }
}
