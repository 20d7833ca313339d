package dk.bostotte.device.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.support.LogRing;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.IceServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IT support's wiring: the lock hangs up the call on and refuses the next, shows on the screen, and diagnostics has every section. */
class SupportAssemblyTest {

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService agent = Executors.newSingleThreadScheduledExecutor();
    private final List<DeviceCallSignal> sent = new CopyOnWriteArrayList<>();
    private final List<Optional<String>> shown = new CopyOnWriteArrayList<>();
    private final CallController calls = new CallController(codec, Clock.systemUTC(), agent, s -> {
        sent.add(s);
        return CompletableFuture.completedFuture(null);
    }, () -> {
        throw new AssertionError("no media: nobody answers here");
    }, new CallController.Display() {
        public void ringing(String caller, Integer autoAnswerS) { }
        public void calling() { }
        public void connecting(String other) { }
        public void inCall(String other) { }
        public void ended(String reason) { }
        public void profileChanged(MediaProfile profile) { }
    }, Optional.empty());

    @AfterEach
    void stop() {
        agent.shutdownNow();
    }

    private SupportAssembly support() {
        ConfigBundle bundle = new ConfigBundle(dir.resolve("bundle"), DeviceId.random(new SecureRandom()), "rpi5-kiosk",
                "SN-0001", "localhost", 8883, 8443, 8444, "pw".toCharArray(), Optional.empty(), Optional.empty());
        return new SupportAssembly(bundle, "1.2.3", dir, true, calls, agent, shown::add);
    }

    private void ring(String callId) throws Exception {
        List<IceServer> ice = List.of(new IceServer(List.of("stun:s.example:3478"), null, null));
        agent.submit(() -> calls.onPayload(codec.encode(CallSignal.ring(callId, Instant.now(), "Mette", null, ice))))
                .get(5, TimeUnit.SECONDS);
    }

    private void settle() throws Exception {
        agent.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void lockingHangsUpTheCallShowsTheMessageAndRefusesTheNextRing() throws Exception {
        SupportAssembly support = support();
        assertEquals(List.of(Optional.empty()), shown, "unlocked at start");
        ring("c1");
        assertEquals(CallController.Phase.RINGING, calls.phase());

        support.lock().lock("Ring til IT");
        settle();
        assertEquals(CallController.Phase.IDLE, calls.phase());
        assertEquals(DeviceCallSignal.Type.HANGUP, sent.get(sent.size() - 1).type());
        assertEquals(Optional.of("Ring til IT"), shown.get(shown.size() - 1));

        ring("c2");
        assertEquals(CallController.Phase.IDLE, calls.phase());
        assertEquals(DeviceCallSignal.Type.LOCKED, sent.get(sent.size() - 1).type());

        support.lock().unlock();
        assertEquals(Optional.empty(), shown.get(shown.size() - 1));
    }

    @Test
    void aKioskLockedBeforeTheStartShowsItAtOnce() throws Exception {
        support().lock().lock("Mistet");
        shown.clear();
        support();
        assertEquals(List.of(Optional.of("Mistet")), shown);
    }

    @Test
    void theDiagnosticsHaveASectionFromEachPartOfTheApp() throws Exception {
        SupportAssembly support = support();
        support.lock().lock("");
        TelemetryQueue queue = TelemetryQueue.open(dir.resolve("queue"), 10, System::currentTimeMillis);
        byte[] zip = support.diagnostics(new LogRing(10), new LiveSettings(60, 10, "da"), queue,
                MediaPlan.probe(true, element -> false), () -> true).zip();
        queue.close();

        JsonNode json = new ObjectMapper().readTree(entry(zip, "diagnostics.json"));
        List<String> sections = new ArrayList<>();
        json.fieldNames().forEachRemaining(sections::add);
        assertEquals(List.of("app", "settings", "lock", "telemetryQueue", "lastSample", "call", "media", "connectedToFleet"),
                sections);
        assertEquals("1.2.3", json.get("app").get("version").asText());
        assertTrue(json.get("app").get("simulated").asBoolean());
        assertTrue(json.get("lock").get("locked").asBoolean());
        assertEquals(0, json.get("telemetryQueue").get("waiting").asInt());
        assertEquals("none waiting to be sent", json.get("lastSample").asText());
        assertEquals("IDLE", json.get("call").asText());
        assertTrue(json.get("connectedToFleet").asBoolean());
    }

    private static byte[] entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in the bundle");
    }
}
