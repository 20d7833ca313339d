package dk.bostotte.fleet.calls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dk.bostotte.fleet.config.CallConfig;
import dk.bostotte.fleet.presence.PresenceService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallServiceCloseTest {

    @Test
    void eventsThatArriveWhileTheServerStopsAreLeftUnhandledNotThrownAtTheBroker() {
        // Only the configuration and presence are used before an event is handled.
        CallConfig config = new CallConfig(Duration.ofSeconds(45), Duration.ofSeconds(20), List.of(), List.of(), "",
                Duration.ofHours(1));
        CallService calls = new CallService(config, null, null, new PresenceService(null), null, null, null, null, null,
                Clock.systemUTC());
        calls.close();
        // As HiveMQ reports devices dropping off while it stops: the call thread is gone by then.
        assertDoesNotThrow(() -> calls.consoleClosed(null));
        assertDoesNotThrow(() -> calls.fromDevice(null, null));
    }
}
