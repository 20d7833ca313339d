package dk.bostotte.device.netq;

import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.protocol.message.LinkType;
import java.util.Optional;

/**
 * Which kind of link carries the default route: Wi-Fi, cellular or wired. Call quality problems
 * look very different on a 4G dongle than on a cable, so every sample says which it was.
 */
public final class LinkTypeDetector {

    private static final int RTF_UP = 0x1;
    private final SystemRoot root;

    public LinkTypeDetector(SystemRoot root) {
        this.root = root;
    }

    public LinkType detect() {
        return defaultRouteInterface().map(this::classify).orElse(LinkType.UNKNOWN);
    }

    LinkType classify(String iface) {
        String dir = "/sys/class/net/" + iface;
        if (root.isDirectory(dir + "/wireless") || root.isDirectory(dir + "/phy80211")) {
            return LinkType.WIFI;
        }
        boolean wwanDevtype = root.read(dir + "/uevent").map(u -> u.lines().anyMatch("DEVTYPE=wwan"::equals)).orElse(false);
        if (iface.startsWith("wwan") || wwanDevtype) {
            return LinkType.CELLULAR;
        }
        return root.isDirectory(dir) ? LinkType.ETHERNET : LinkType.UNKNOWN;
    }

    /**
     * The interface of the up default route (destination and mask 0) with the lowest metric, from
     * {@code /proc/net/route}, whose addresses are hex and whose first line is a header.
     */
    Optional<String> defaultRouteInterface() {
        String table = root.read("/proc/net/route").orElse("");
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : table.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                boolean isDefault = Long.parseLong(f[1], 16) == 0 && Long.parseLong(f[7], 16) == 0;
                boolean up = (Integer.parseInt(f[3], 16) & RTF_UP) != 0;
                long metric = Long.parseLong(f[6]);
                if (isDefault && up && metric < bestMetric) {
                    best = f[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                // A line we do not understand is not a default route.
            }
        }
        return Optional.ofNullable(best);
    }
}
