package dk.bostotte.provisioning.cli;

import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the fleet CA and the server's TLS keystore; safe to re-run from scripts. */
@Command(name = "init-ca", mixinStandardHelpOptions = true,
        description = "Create the fleet CA and the fleet server's TLS keystore (idempotent).")
public final class InitCaCommand extends ProvisioningCommand {

    @Mixin
    PkiOptions pki;

    @Option(names = "--organisation", paramLabel = "NAME", defaultValue = "Bostøtte Online",
            description = "Organisation (O) in every certificate (default: ${DEFAULT-VALUE}).")
    String organisation;

    @Option(names = "--server-dns", paramLabel = "NAME", description = "DNS name for the server certificate (repeatable; default: localhost and this host's name).")
    List<String> serverDns = new ArrayList<>();

    @Option(names = "--server-ip", paramLabel = "IP", description = "IP address for the server certificate (repeatable; default: 127.0.0.1).")
    List<String> serverIps = new ArrayList<>();

    @Override
    int run() {
        Path dir = pki.dir();
        FleetCa ca;
        if (Files.exists(dir.resolve(FleetCa.CA_KEY))) {
            ca = FleetCa.load(dir);
            out().println("Fleet CA already exists in " + dir + "; left untouched.");
        } else {
            ca = FleetCa.create(dir, organisation);
            out().println("Created fleet CA: " + dir.resolve(FleetCa.CA_CERT) + " and " + dir.resolve(FleetCa.CA_KEY));
        }
        if (Files.exists(dir.resolve(ServerTls.KEYSTORE))) {
            out().println("Server keystore already exists: " + dir.resolve(ServerTls.KEYSTORE));
            return 0;
        }
        List<String> dns = serverDns.isEmpty() ? defaultDnsNames() : serverDns;
        List<String> ips = serverIps.isEmpty() ? List.of("127.0.0.1") : serverIps;
        ServerTls.writeServerKeystore(ca, dir, dns, ips);
        out().println("Wrote server keystore " + dir.resolve(ServerTls.KEYSTORE) + " (password in "
                + dir.resolve(ServerTls.PASSWORD_FILE) + ") and " + dir.resolve(ServerTls.CERT));
        out().println("Server certificate names: DNS " + dns + ", IP " + ips);
        return 0;
    }

    private static List<String> defaultDnsNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        try {
            String host = InetAddress.getLocalHost().getHostName();
            // A name the resolver could not turn into a hostname comes back as an address; skip it.
            if (host != null && host.matches("[A-Za-z0-9][A-Za-z0-9.-]*") && !host.matches("[0-9.]+")) {
                names.add(host);
            }
        } catch (IOException e) {
            // No usable hostname; localhost alone still serves a local fleet.
        }
        return new ArrayList<>(names);
    }
}
