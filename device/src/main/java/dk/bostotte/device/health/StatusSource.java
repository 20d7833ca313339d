package dk.bostotte.device.health;

import dk.bostotte.protocol.message.DeviceStatus;

/** Where the periodic status comes from: the real system, or a simulation for test rigs without kiosk hardware. */
@FunctionalInterface
public interface StatusSource {

    /** May block briefly (it may run a helper process); never throws for missing hardware. */
    DeviceStatus read();
}
