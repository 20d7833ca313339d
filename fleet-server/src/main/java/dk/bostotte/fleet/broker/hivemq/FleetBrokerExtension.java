package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.util.concurrent.CompletableFuture;

/** Registers the fleet's authentication, authorization, ingest and presence hooks in HiveMQ. */
final class FleetBrokerExtension implements ExtensionMain {

    private final AccessPolicy policy;
    private final BrokerEvents events;
    private final CompletableFuture<BrokerServices> services = new CompletableFuture<>();

    /**
     * The SDK's {@code Services} is a static holder that always points at the broker started last.
     * Each broker keeps the services it was started with, so two brokers in one JVM (tests) never
     * publish or disconnect through each other.
     */
    record BrokerServices(ClientService clients, PublishService publisher) {
    }

    FleetBrokerExtension(AccessPolicy policy, BrokerEvents events) {
        this.policy = policy;
        this.events = events;
    }

    CompletableFuture<BrokerServices> services() {
        return services;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        GrantStore grants = new GrantStore();
        CertificateAuthenticator authenticator = new CertificateAuthenticator(policy, grants, events);
        GrantAuthorizer authorizer = new GrantAuthorizer(grants, events);
        IngestInterceptor ingest = new IngestInterceptor(events);
        PresenceEventListener presence = new PresenceEventListener(events, grants);
        Services.securityRegistry().setAuthenticatorProvider(in -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(in -> authorizer);
        Services.initializerRegistry().setClientInitializer((in, context) -> context.addPublishInboundInterceptor(ingest));
        Services.eventRegistry().setClientLifecycleEventListener(in -> presence);
        services.complete(new BrokerServices(Services.clientService(), Services.publishService()));
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    }
}
