package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.protocol.message.LinkType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkTypeDetectorTest {

    @TempDir
    Path tmp;

    private static final String HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    private static String route(String iface, String dest, int flags, int metric, String mask) {
        return iface + "\t" + dest + "\t0101A8C0\t" + String.format("%04X", flags) + "\t0\t0\t" + metric + "\t" + mask
                + "\t0\t0\t0\n";
    }

    private static String defaultVia(String iface, int metric) {
        return route(iface, "00000000", 0x3, metric, "00000000");
    }

    private LinkType detect(FakeRoot r) {
        return new LinkTypeDetector(r.root).detect();
    }

    @Test
    void wirelessInterfaceIsWifi() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + defaultVia("wlan0", 600))
                .directory("/sys/class/net/wlan0/wireless");
        assertEquals(LinkType.WIFI, detect(r));
    }

    @Test
    void wwanInterfaceIsCellular() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + defaultVia("wwan0", 700))
                .directory("/sys/class/net/wwan0");
        assertEquals(LinkType.CELLULAR, detect(r));
    }

    @Test
    void modemReportingDevtypeWwanIsCellularWhateverItsName() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + defaultVia("usb0", 700))
                .file("/sys/class/net/usb0/uevent", "INTERFACE=usb0\nIFINDEX=4\nDEVTYPE=wwan\n");
        assertEquals(LinkType.CELLULAR, detect(r));
    }

    @Test
    void plainInterfaceIsEthernet() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + defaultVia("eth0", 100))
                .file("/sys/class/net/eth0/uevent", "INTERFACE=eth0\nIFINDEX=2\n");
        assertEquals(LinkType.ETHERNET, detect(r));
    }

    @Test
    void lowestMetricDefaultRouteWins() {
        FakeRoot r = new FakeRoot(tmp)
                .file("/proc/net/route", HEADER + defaultVia("wlan0", 600) + defaultVia("eth0", 100)
                        + route("wlan0", "0001A8C0", 0x1, 0, "00FFFFFF"))
                .directory("/sys/class/net/wlan0/wireless").directory("/sys/class/net/eth0");
        assertEquals(LinkType.ETHERNET, detect(r));
    }

    @Test
    void routeThatIsDownIsIgnored() {
        FakeRoot r = new FakeRoot(tmp)
                .file("/proc/net/route", HEADER + route("eth0", "00000000", 0x2, 100, "00000000") + defaultVia("wlan0", 600))
                .directory("/sys/class/net/wlan0/wireless").directory("/sys/class/net/eth0");
        assertEquals(LinkType.WIFI, detect(r));
    }

    @Test
    void noDefaultRouteIsUnknown() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + route("eth0", "0001A8C0", 0x1, 0, "00FFFFFF"))
                .directory("/sys/class/net/eth0");
        assertEquals(LinkType.UNKNOWN, detect(r));
    }

    @Test
    void missingRouteTableIsUnknown() {
        assertEquals(LinkType.UNKNOWN, detect(new FakeRoot(tmp)));
    }

    @Test
    void interfaceMissingFromSysIsUnknown() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/net/route", HEADER + defaultVia("eth0", 100));
        assertEquals(LinkType.UNKNOWN, detect(r));
    }
}
