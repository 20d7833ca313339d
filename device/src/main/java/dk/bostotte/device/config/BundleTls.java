package dk.bostotte.device.config;

import dk.bostotte.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS from the bundle: the device presents {@code device.p12} and trusts only the fleet CA in
 * {@code ca.crt}, never the system trust store, so a certificate from any public CA is refused.
 */
public final class BundleTls {

    public static final String KEY_ALIAS = BundleLayout.KEYSTORE_ALIAS;
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private BundleTls() {
    }

    public static SSLContext sslContext(ConfigBundle bundle) throws BundleException {
        KeyStore keys = loadKeystore(bundle.keystoreFile(), bundle.keystorePassword());
        KeyStore trust = loadCa(bundle.caCertFile());
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, bundle.keystorePassword());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new BundleException("cannot set up TLS from " + bundle.dir() + ": " + e.getMessage(), e);
        }
    }

    /** A socket factory from {@link #sslContext} that only speaks TLS 1.3 and 1.2. */
    public static SSLSocketFactory socketFactory(ConfigBundle bundle) throws BundleException {
        return new ProtocolPinningSocketFactory(sslContext(bundle).getSocketFactory(), PROTOCOLS);
    }

    static KeyStore loadKeystore(Path file, char[] password) throws BundleException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            if (!ks.isKeyEntry(KEY_ALIAS)) {
                throw new BundleException(file + " has no key entry '" + KEY_ALIAS + "'");
            }
            Certificate[] chain = ks.getCertificateChain(KEY_ALIAS);
            if (chain == null || chain.length == 0) {
                throw new BundleException(file + ": entry '" + KEY_ALIAS + "' has no certificate chain");
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password surfaces as an IOException whose cause says so.
            String why = e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong " + BundleLayout.KEYSTORE_PASSWORD : e.getMessage();
            throw new BundleException("cannot open " + file + ": " + why, e);
        }
    }

    static KeyStore loadCa(Path file) throws BundleException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new BundleException(file + " contains no certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, (X509Certificate) c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new BundleException("cannot read CA certificate " + file + ": " + e.getMessage(), e);
        }
    }
}
