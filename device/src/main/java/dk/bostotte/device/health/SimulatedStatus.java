package dk.bostotte.device.health;

import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** A healthy Raspberry Pi kiosk with all peripherals attached, for rigs and load tests without one. */
public final class SimulatedStatus implements StatusSource {

    private final Clock clock;
    private final String appVersion;
    private final Instant bootedAt;
    private final Random random;

    public SimulatedStatus(Clock clock, String appVersion, Random random) {
        this.clock = clock;
        this.appVersion = appVersion;
        this.random = random;
        // Pretend the kiosk booted a while before the agent started.
        this.bootedAt = clock.instant().minus(Duration.ofMinutes(5 + random.nextInt(600)));
    }

    @Override
    public DeviceStatus read() {
        Instant now = clock.instant();
        double temp = Math.round((48 + random.nextGaussian() * 3) * 10) / 10.0;
        long memTotal = 3796;
        long memAvailable = 2200 + random.nextInt(600);
        return new DeviceStatus(ProtocolMessage.VERSION, now, appVersion,
                Math.max(0, Duration.between(bootedAt, now).toSeconds()), temp, false, memTotal, memAvailable,
                29_500, 21_000 - random.nextInt(50), true, true, true, true);
    }
}
