package dk.bostotte.systemtests.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bostotte bench ...}: benchmarks that end with one {@code name=value} summary line. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {IngestBench.class, CallBench.class, NetqBench.class, FleetBench.class, KioskBench.class},
        description = "Benchmarks of the real parts on loopback.")
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
