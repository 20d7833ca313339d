package dk.bostotte.systemtests.bench;

import dk.bostotte.fleet.FleetLogging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bostotte bench ...}: benchmarks that end with one {@code name=value} summary line. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BenchMain.Version.class, subcommands = {IngestBench.class, CallBench.class, NetqBench.class, FleetBench.class, KioskBench.class},
        description = "Benchmarks of the real parts on loopback.")
public final class BenchMain implements Runnable {

    static {
        // The benchmarks run the fleet server in this JVM; its configuration, not one of the jars' logback.xml.
        FleetLogging.useFleetConfig();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchMain.class.getPackage().getImplementationVersion();
            return new String[] {"bench " + (version == null ? "dev" : version)};
        }
    }
}
