package dk.bostotte.fleet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.ServerTls;
import io.vertx.core.Vertx;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a keystore configured the console is served over HTTPS only (browsers give cameras to secure origins). */
class FleetHttpServerTlsTest {

    @TempDir
    Path pki;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndNoPlainHttp() throws Exception {
        FleetCa ca = FleetCa.create(pki, "TLS test fleet");
        ServerTls.writeServerKeystore(ca, pki, List.of("localhost"), List.of("127.0.0.1"));
        FleetHttpServer http = new FleetHttpServer(vertx, new Responses(new MessageCodec().mapper()), LocalSessionStore.create(vertx));
        int port = http.start("127.0.0.1", 0, Optional.of(pki.resolve(ServerTls.KEYSTORE)),
                new String(ServerTls.readKeystorePassword(pki)));
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fleet-ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls).build().send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("no such API endpoint"));
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port is refused");
        } finally {
            http.stop();
        }
    }
}
