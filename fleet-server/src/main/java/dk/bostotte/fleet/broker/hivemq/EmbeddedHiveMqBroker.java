package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.PayloadFormatIndicator;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ CE inside the fleet server: one TLS listener that requires a client certificate issued by
 * the fleet CA, no plain listener, and the fleet extension deciding every connect, publish and
 * subscribe. Unauthenticated connections are denied even before the extension has started.
 */
public final class EmbeddedHiveMqBroker implements FleetBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedHiveMqBroker.class);

    /** Listener settings; keystore is the server's PKCS#12 from the provisioning CLI. */
    public record Settings(Path workDir, String bindAddress, int port, Path serverKeystore, char[] keystorePassword,
                           X509Certificate fleetCa, int maxKeepAliveSeconds) {
    }

    /**
     * HiveMQ CE numbers every message's payload from one JVM-wide counter, and each broker resets it
     * from its own store when it starts. A second broker in this JVM would therefore reuse the first
     * one's payload ids, and the first would send devices other messages' payloads (seen as call
     * signals replaced by old retained states). So one broker per JVM, refused loudly otherwise.
     */
    private static final AtomicReference<EmbeddedHiveMqBroker> RUNNING_IN_THIS_JVM = new AtomicReference<>();

    private final Settings settings;
    private final AccessPolicy policy;
    private EmbeddedHiveMQ hivemq;
    private FleetBrokerExtension.BrokerServices services;
    private volatile boolean running;

    public EmbeddedHiveMqBroker(Settings settings, AccessPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public void start(BrokerEvents events) throws Exception {
        EmbeddedHiveMqBroker other = RUNNING_IN_THIS_JVM.compareAndExchange(null, this);
        if (other != null && other != this) {
            throw new IllegalStateException("an embedded MQTT broker already runs in this JVM (port "
                    + other.settings.port() + "); HiveMQ CE shares its payload ids between brokers in one JVM,"
                    + " so a second one would deliver wrong payloads: run each fleet server in its own JVM");
        }
        try {
            startHiveMq(events);
        } catch (Exception | Error e) {
            RUNNING_IN_THIS_JVM.compareAndSet(this, null);
            throw e;
        }
    }

    private void startHiveMq(BrokerEvents events) throws Exception {
        Path conf = Files.createDirectories(settings.workDir().resolve("conf"));
        Path data = Files.createDirectories(settings.workDir().resolve("data"));
        Path extensions = Files.createDirectories(settings.workDir().resolve("extensions"));
        char[] trustPassword = randomPassword();
        Path truststore = writeTruststore(conf.resolve("truststore.p12"), trustPassword);
        Files.writeString(conf.resolve("config.xml"), configXml(truststore, trustPassword));
        FleetBrokerExtension fleetExtension = new FleetBrokerExtension(policy, events);
        EmbeddedExtension extension = EmbeddedExtension.builder()
                .withId("bostotte-fleet").withName("Bostøtte fleet access and ingest").withVersion("1")
                .withPriority(1000).withStartPriority(1000)
                .withExtensionMain(fleetExtension).build();
        hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                .withExtensionsFolder(extensions).withEmbeddedExtension(extension).withoutLoggingBootstrap().build();
        // The builder allows every unauthenticated client by default; this makes "no decision" a refusal.
        InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
        try {
            hivemq.start().join();
        } catch (CompletionException e) {
            // HiveMQ's own cause carries no message; the usual reason is the port (FleetServer checks it first).
            throw new IllegalStateException("the MQTT broker did not start on " + settings.bindAddress() + ":"
                    + settings.port() + " (is the port in use?)", e);
        }
        services = fleetExtension.services().get(30, TimeUnit.SECONDS);
        running = true;
        log.info("MQTT broker listening with mutual TLS on {}:{}", settings.bindAddress(), settings.port());
    }

    private Path writeTruststore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("fleet-ca", settings.fleetCa());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }

    private String configXml(Path truststore, char[] trustPassword) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <name>devices-mtls</name>
                      <tls>
                        <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                        <truststore><path>%s</path><password>%s</password></truststore>
                        <client-authentication-mode>REQUIRED</client-authentication-mode>
                        <protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols>
                      </tls>
                    </tls-tcp-listener>
                  </listeners>
                  <mqtt>
                    <packets><max-packet-size>%d</max-packet-size></packets>
                    <keep-alive><max-keep-alive>%d</max-keep-alive><allow-unlimited>false</allow-unlimited></keep-alive>
                    <receive-maximum><server-receive-maximum>10</server-receive-maximum></receive-maximum>
                  </mqtt>
                  <security><allow-empty-client-id><enabled>false</enabled></allow-empty-client-id></security>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(settings.port(), xml(settings.bindAddress()), xml(settings.serverKeystore().toString()),
                xml(new String(settings.keystorePassword())), xml(new String(settings.keystorePassword())),
                xml(truststore.toString()), xml(new String(trustPassword)),
                MessageCodec.MAX_PAYLOAD_BYTES + 1024, settings.maxKeepAliveSeconds());
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    @Override
    public CompletableFuture<Void> publish(DeviceId device, Channel channel, byte[] payload) {
        var publish = Builders.publish().topic(Topics.of(device, channel)).qos(Qos.valueOf(channel.qos()))
                .retain(channel.retained()).contentType(channel.contentType())
                .payloadFormatIndicator(PayloadFormatIndicator.UTF_8).payload(ByteBuffer.wrap(payload)).build();
        return services.publisher().publish(publish);
    }

    @Override
    public CompletableFuture<Boolean> disconnect(String clientId, String reason) {
        return services.clients().disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED, reason);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        if (hivemq != null) {
            try {
                hivemq.close();
            } catch (Exception e) {
                log.warn("broker did not stop cleanly: {}", e.toString());
            }
        }
        RUNNING_IN_THIS_JVM.compareAndSet(this, null);
    }
}
