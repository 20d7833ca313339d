package dk.bostotte.fleet;

import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.Pem;
import dk.bostotte.pki.ServerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** The fleet CA and the server's keystore with its password, read once for the broker and the device API. */
record ServerPki(Path caCert, X509Certificate fleetCa, Path keystore, char[] keystorePassword) {

    static ServerPki read(Path pkiDir) {
        Path caCert = pkiDir.resolve(FleetCa.CA_CERT);
        Path keystore = pkiDir.resolve(ServerTls.KEYSTORE);
        if (!Files.exists(caCert) || !Files.exists(keystore)) {
            throw new IllegalStateException("no fleet CA in " + pkiDir + ": run './bostotte provision init-ca --pki "
                    + pkiDir + "' first");
        }
        return new ServerPki(caCert, Pem.readCertificate(caCert), keystore, ServerTls.readKeystorePassword(pkiDir));
    }
}
