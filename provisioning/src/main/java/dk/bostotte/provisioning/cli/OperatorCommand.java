package dk.bostotte.provisioning.cli;

import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.Pem;
import dk.bostotte.pki.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Issues a client certificate for a support operator; no server call, operators are not in the inventory. */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Issue an operator client certificate.")
public final class OperatorCommand extends ProvisioningCommand {

    static final String CERT = "operator.crt";
    static final String KEY = "operator.key";

    @Mixin
    PkiOptions pki;

    @Parameters(paramLabel = "NAME", description = "Operator name: lower-case letters, digits and '-'.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ./data/operators/NAME).")
    Path out;

    @Option(names = "--validity-days", paramLabel = "DAYS", defaultValue = "365", description = "Validity (default: ${DEFAULT-VALUE}).")
    long validityDays;

    @Override
    int run() {
        Path dir = out != null ? out : Path.of("data", "operators", name);
        if (Files.exists(dir.resolve(KEY))) {
            // Overwriting would destroy a key whose certificate is still valid.
            throw new IllegalStateException(dir.resolve(KEY) + " already exists; choose another --out or remove it first");
        }
        FleetCa ca = FleetCa.load(pki.dir());
        IssuedCredential credential = ca.issueOperator(name, Duration.ofDays(validityDays));
        PrivateFiles.createDirectory(dir);
        credential.writePem(dir.resolve(KEY), dir.resolve(CERT));
        Pem.writeCertificate(dir.resolve(FleetCa.CA_CERT), credential.ca());
        out().println("Issued operator certificate for " + name + " (fingerprint " + credential.fingerprint() + ")");
        out().println("Wrote " + dir.resolve(CERT) + ", " + dir.resolve(KEY) + " and " + dir.resolve(FleetCa.CA_CERT));
        return 0;
    }
}
