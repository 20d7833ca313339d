package dk.bostotte.systemtests;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dk.bostotte.pki.IssuedCredential;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** MQTT 5 clients (HiveMQ client library) with a chosen certificate, for tests and load generation. */
public final class TestMqttClients {

    private TestMqttClients() {
    }

    public static MqttClientSslConfig tls(Optional<IssuedCredential> credential, X509Certificate trustedCa) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trustedCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var builder = MqttClientSslConfig.builder().trustManagerFactory(tmf);
            if (credential.isPresent()) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                char[] pw = "test".toCharArray();
                IssuedCredential c = credential.get();
                keys.setKeyEntry("client", c.key(), pw, new Certificate[] {c.certificate(), c.ca()});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, pw);
                builder.keyManagerFactory(kmf);
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Mqtt5AsyncClient async(String clientId, int port, MqttClientSslConfig tls) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                .sslConfig(tls).buildAsync();
    }

    public static Mqtt5BlockingClient blocking(String clientId, int port, MqttClientSslConfig tls) {
        return async(clientId, port, tls).toBlocking();
    }
}
