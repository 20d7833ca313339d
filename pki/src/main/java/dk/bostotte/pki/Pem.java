package dk.bostotte.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM files: certificates, and private keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PrivateKey key) {
        try {
            // JcaPKCS8Generator, because writeObject(PrivateKey) would emit SEC1 "EC PRIVATE KEY".
            return write(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new PkiException("cannot encode private key", e);
        }
    }

    public static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            Files.writeString(file, encode(certificate), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    /** Writes the key to a fresh file with mode 0600, replacing any existing file. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        PrivateFiles.replace(file, encode(key).getBytes(StandardCharsets.US_ASCII));
    }

    public static X509Certificate readCertificate(Path file) {
        Object object = readObject(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new PkiException(file + " does not hold a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new PkiException("cannot decode certificate in " + file, e);
        }
    }

    /** Reads PKCS#8 and, for keys made by hand with openssl, SEC1/PKCS#1 key pairs. */
    public static PrivateKey readPrivateKey(Path file) {
        Object object = readObject(file);
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo pki) {
            info = pki;
        } else if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else {
            throw new PkiException(file + " does not hold an unencrypted PEM private key");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new PkiException("cannot decode private key in " + file, e);
        }
    }

    private static Object readObject(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new PkiException(file + " contains no PEM object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new PkiException("cannot PEM-encode " + object.getClass().getSimpleName(), e);
        }
        return out.toString();
    }
}
