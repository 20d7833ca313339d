package dk.bostotte.provisioning.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the fleet CA lives; shared by every command that issues certificates. */
public final class PkiOptions {

    @Option(names = "--pki", paramLabel = "DIR", defaultValue = "./data/pki",
            description = "Fleet PKI directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    public Path dir() {
        return dir;
    }
}
