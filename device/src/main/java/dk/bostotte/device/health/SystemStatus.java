package dk.bostotte.device.health;

import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;

/** The status as this device's kernel reports it. */
public final class SystemStatus implements StatusSource {

    private static final long MB = 1024 * 1024;

    private final Clock clock;
    private final String appVersion;
    private final Path dataDir;
    private final ProcReadings proc;
    private final CpuThermal thermal;
    private final Peripherals peripherals;

    public SystemStatus(Clock clock, String appVersion, Path dataDir, SystemRoot root, CpuThermal thermal) {
        this.clock = clock;
        this.appVersion = appVersion;
        this.dataDir = dataDir;
        this.proc = new ProcReadings(root);
        this.thermal = thermal;
        this.peripherals = new Peripherals(root);
    }

    @Override
    public DeviceStatus read() {
        // The data dir's file system is the one that fills up with queued telemetry.
        File disk = dataDir.toFile();
        return new DeviceStatus(ProtocolMessage.VERSION, clock.instant(), appVersion, proc.uptimeS(),
                thermal.cpuTempC(), thermal.throttled(), proc.memTotalMb(), proc.memAvailableMb(),
                disk.getTotalSpace() / MB, disk.getUsableSpace() / MB,
                peripherals.camera(), peripherals.microphone(), peripherals.speaker(), peripherals.screen());
    }
}
