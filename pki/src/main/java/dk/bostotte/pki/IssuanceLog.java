package dk.bostotte.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The CA's append-only record of every certificate it issued ({@code issued.csv}), for audits and revocation. */
final class IssuanceLog {

    static final String FILE = "issued.csv";
    static final String HEADER = "serial_hex,role,subject_cn,sha256_fingerprint,not_after_iso,issued_at_iso\n";

    private final Path file;

    IssuanceLog(Path dir) {
        this.file = dir.resolve(FILE);
    }

    synchronized void append(CertificateRole role, X509Certificate certificate) {
        String cn = CertificateRole.commonName(certificate).orElse("");
        if (cn.matches(".*[,\"\\r\\n].*")) {
            // Every CN we issue is from a restricted alphabet; anything else is a bug, not data to quote.
            throw new IllegalArgumentException("common name not CSV-safe: " + cn);
        }
        String line = String.join(",",
                certificate.getSerialNumber().toString(16),
                role.name().toLowerCase(Locale.ROOT),
                cn,
                Fingerprints.sha256Hex(certificate),
                certificate.getNotAfter().toInstant().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) + "\n";
        try {
            writeHeaderOnce();
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e, e);
        }
    }

    private void writeHeaderOnce() throws IOException {
        try {
            // CREATE_NEW so that two processes cannot both write the header.
            Files.writeString(file, HEADER, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // Normal case after the first issuance.
        }
    }
}
