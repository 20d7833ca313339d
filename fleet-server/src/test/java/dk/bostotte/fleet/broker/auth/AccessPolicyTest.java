package dk.bostotte.fleet.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {

    @TempDir
    Path dir;

    FleetCa ca;
    final Map<String, String> enrolled = new HashMap<>();
    final Map<String, Boolean> revoked = new HashMap<>();
    AccessPolicy policy;

    @BeforeEach
    void setUp() {
        ca = FleetCa.create(dir.resolve("ca"), "Test");
        CredentialRegistry registry = (id, fp) -> !enrolled.containsKey(id.value()) ? Optional.of("not enrolled")
                : revoked.getOrDefault(id.value(), false) ? Optional.of("revoked")
                : !enrolled.get(id.value()).equals(fp) ? Optional.of("other certificate") : Optional.empty();
        policy = new AccessPolicy(ca.certificate(), registry, Clock.systemUTC());
    }

    private IssuedCredential enrol(DeviceId id) {
        IssuedCredential c = ca.issueDevice(id, Duration.ofDays(10));
        enrolled.put(id.value(), c.fingerprint());
        return c;
    }

    @Test
    void enrolledDeviceMayUseExactlyItsOwnChannels() {
        DeviceId id = DeviceId.random(new SecureRandom());
        DeviceId other = DeviceId.random(new SecureRandom());
        var grant = assertInstanceOf(AccessDecision.Granted.class, policy.decide(id.value(), Optional.of(enrol(id).certificate())));
        assertTrue(grant.mayPublish(Topics.of(id, Channel.TELEMETRY)));
        assertTrue(grant.mayPublish(Topics.of(id, Channel.STATE)));
        assertFalse(grant.mayPublish(Topics.of(id, Channel.COMMAND)), "commands come from the server only");
        assertFalse(grant.mayPublish(Topics.of(other, Channel.TELEMETRY)));
        assertTrue(grant.maySubscribe(Topics.of(id, Channel.COMMAND)));
        assertTrue(grant.maySubscribe(Topics.of(id, Channel.CONFIG)));
        assertFalse(grant.maySubscribe(Topics.of(other, Channel.COMMAND)));
        assertFalse(grant.maySubscribe("#"));
        assertFalse(grant.maySubscribe(Topics.ROOT + "/" + id + "/#"), "no wildcards, even over its own subtree");
        assertFalse(grant.maySubscribe("$share/g/" + Topics.of(id, Channel.COMMAND)));
    }

    @Test
    void refusesMissingForeignRevokedUnenrolledAndMismatchedCertificates() {
        DeviceId id = DeviceId.random(new SecureRandom());
        IssuedCredential cred = enrol(id);
        assertInstanceOf(AccessDecision.Refused.class, policy.decide(id.value(), Optional.empty()));

        FleetCa other = FleetCa.create(dir.resolve("other"), "Other");
        var foreign = policy.decide(id.value(), Optional.of(other.issueDevice(id, Duration.ofDays(1)).certificate()));
        assertTrue(((AccessDecision.Refused) foreign).reason().contains("not valid for this fleet"));

        var mismatch = policy.decide("K7M3-Q9PX", Optional.of(cred.certificate()));
        assertTrue(((AccessDecision.Refused) mismatch).reason().contains("differs from certificate CN"));

        DeviceId stranger = DeviceId.random(new SecureRandom());
        var unenrolled = policy.decide(stranger.value(), Optional.of(ca.issueDevice(stranger, Duration.ofDays(1)).certificate()));
        assertEquals("not enrolled", ((AccessDecision.Refused) unenrolled).reason());

        IssuedCredential reissued = ca.issueDevice(id, Duration.ofDays(1));
        var replaced = policy.decide(id.value(), Optional.of(reissued.certificate()));
        assertEquals("other certificate", ((AccessDecision.Refused) replaced).reason(), "only the enrolled certificate counts");

        revoked.put(id.value(), true);
        assertEquals("revoked", ((AccessDecision.Refused) policy.decide(id.value(), Optional.of(cred.certificate()))).reason());
    }

    @Test
    void expiredCertificateIsRefused() {
        DeviceId id = DeviceId.random(new SecureRandom());
        IssuedCredential cred = enrol(id);
        AccessPolicy later = new AccessPolicy(ca.certificate(), (d, f) -> Optional.empty(),
                Clock.fixed(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC));
        assertInstanceOf(AccessDecision.Refused.class, later.decide(id.value(), Optional.of(cred.certificate())));
    }

    @Test
    void operatorMayOnlyReadStateStatusAndTelemetry() {
        IssuedCredential op = ca.issueOperator("noc", Duration.ofDays(1));
        var grant = assertInstanceOf(AccessDecision.Granted.class, policy.decide("operator-noc", Optional.of(op.certificate())));
        assertEquals(AccessDecision.Role.OPERATOR, grant.role());
        DeviceId id = DeviceId.random(new SecureRandom());
        for (Channel c : List.of(Channel.STATE, Channel.STATUS, Channel.TELEMETRY)) {
            assertTrue(grant.maySubscribe(Topics.allDevices(c)));
            assertTrue(grant.maySubscribe(Topics.of(id, c)));
        }
        assertFalse(grant.maySubscribe(Topics.allDevices(Channel.COMMAND)));
        assertFalse(grant.maySubscribe("#"));
        assertFalse(grant.mayPublish(Topics.of(id, Channel.COMMAND)));
        assertFalse(grant.mayPublish(Topics.of(id, Channel.TELEMETRY)));
    }

    @Test
    void serverCertificateCannotConnectAsClient() {
        IssuedCredential server = ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        assertInstanceOf(AccessDecision.Refused.class, policy.decide("fleet-server", Optional.of(server.certificate())));
    }
}
