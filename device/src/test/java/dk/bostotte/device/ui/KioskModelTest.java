package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.MovableClock;
import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.CallMedia;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.ui.KioskView.Ending;
import dk.bostotte.device.ui.KioskView.LineWords;
import dk.bostotte.device.ui.KioskView.Screen;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.IceServer;
import dk.bostotte.protocol.message.KioskInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's screen decisions, driven by the real call controller (fed real call signal payloads)
 * and the link, lock, settings and kiosk-info events the agent delivers. Time is moved by hand.
 */
class KioskModelTest {

    private final MovableClock clock = new MovableClock("2026-11-23T09:00:00Z");
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService agent = Executors.newSingleThreadScheduledExecutor();
    private final List<Screen> seen = new CopyOnWriteArrayList<>();
    private KioskModel model;
    private CallController calls;
    private CallMedia.Listener media;
    private final List<String> sentCallIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void wire() {
        model = new KioskModel(clock, "K7M3-Q9PH", List::of);
        model.onChange(v -> {
            if (seen.isEmpty() || seen.get(seen.size() - 1) != v.screen()) {
                seen.add(v.screen());
            }
        });
        calls = new CallController(codec, clock, agent, s -> {
            sentCallIds.add(s.callId());
            return CompletableFuture.completedFuture(null);
        }, () -> new QuietMedia(),
                model, Optional.empty());
        model.linkUp();
    }

    @AfterEach
    void stop() {
        agent.shutdownNow();
    }

    private void onAgent(Runnable r) throws Exception {
        agent.submit(r).get(5, TimeUnit.SECONDS);
    }

    private void receive(CallSignal s) throws Exception {
        onAgent(() -> calls.onPayload(codec.encode(s)));
    }

    private static final List<IceServer> ICE = List.of();

    @Test
    void anAnsweredCallGoesIncomingConnectingInCallEndedAndBackToIdle() throws Exception {
        receive(CallSignal.ring("c1", clock.instant(), "Mette", null, ICE));
        assertEquals(Screen.INCOMING, model.view().screen());
        assertEquals("Mette", model.view().other());
        assertNull(model.view().autoAnswerInS(), "no countdown when the policy is to ring");
        onAgent(calls::answer);
        assertEquals(Screen.CONNECTING, model.view().screen());
        media.connected();
        onAgent(() -> { });
        assertEquals(Screen.IN_CALL, model.view().screen());
        assertFalse(model.view().cameraOff(), "the camera-live sign shows");

        clock.advance(Duration.ofSeconds(95));
        receive(CallSignal.hangup("c1", clock.instant(), "the worker hung up"));
        KioskView ended = model.view();
        assertEquals(Screen.ENDED, ended.screen());
        assertEquals(Ending.ENDED, ended.ending());
        assertEquals(Duration.ofSeconds(95), ended.callLength());

        clock.advance(KioskModel.ENDED_SHOWN);
        model.tick();
        assertEquals(Screen.IDLE, model.view().screen());
        assertEquals(List.of(Screen.IDLE, Screen.INCOMING, Screen.CONNECTING, Screen.IN_CALL, Screen.ENDED, Screen.IDLE), seen);
    }

    @Test
    void theAutoAnswerCountdownCountsDownEachSecond() throws Exception {
        receive(CallSignal.ring("c1", clock.instant(), "Mette", 10, ICE));
        assertEquals(10, model.view().autoAnswerInS());
        clock.advance(Duration.ofSeconds(3));
        model.tick();
        assertEquals(7, model.view().autoAnswerInS());
    }

    @Test
    void aRingTheCitizenMissedIsNamedOnTheIdleScreen() throws Exception {
        receive(CallSignal.ring("c1", clock.instant(), "Mette", null, ICE));
        receive(CallSignal.hangup("c1", clock.instant(), "no one picked up"));
        KioskView v = model.view();
        assertEquals(Screen.IDLE, v.screen(), "no error screen for a missed ring");
        assertEquals("Mette", v.missedCallFrom());
        onAgent(calls::callSupportWorker);
        assertEquals(Screen.OUTGOING, model.view().screen());
        assertNull(model.view().missedCallFrom(), "calling back clears it");
    }

    @Test
    void aCallOutNobodyTakesSaysSoAndAFailedConnectionSaysThat() throws Exception {
        onAgent(calls::callSupportWorker);
        assertEquals(Screen.OUTGOING, model.view().screen());
        String id = callIdOf();
        receive(CallSignal.hangup(id, clock.instant(), "no one picked up"));
        assertEquals(Ending.NOT_ANSWERED, model.view().ending());

        clock.advance(Duration.ofSeconds(10));
        receive(CallSignal.ring("c2", clock.instant(), "Mette", null, ICE));
        onAgent(calls::answer);
        media.failed("ICE failed");
        onAgent(() -> { });
        assertEquals(Screen.ENDED, model.view().screen());
        assertEquals(Ending.FAILED, model.view().ending());
    }

    /** The id of the call the device asked for, as the fleet would echo it. */
    private String callIdOf() {
        return sentCallIds.get(sentCallIds.size() - 1);
    }

    @Test
    void noConnectionOnlyAfterThirtySecondsAndItClearsOnReconnect() {
        model.linkDown();
        assertEquals(Screen.IDLE, model.view().screen());
        assertEquals(LineWords.NONE, model.view().line());
        clock.advance(KioskModel.NO_CONNECTION_AFTER);
        model.tick();
        assertEquals(Screen.NO_CONNECTION, model.view().screen());
        assertEquals("K7M3-Q9PH", model.view().deviceId(), "the id to read aloud");
        model.linkUp();
        assertEquals(Screen.IDLE, model.view().screen());
    }

    @Test
    void theServiceScreenOpensWithoutAConnectionWhenSupportNeedsItMost() {
        model.linkDown();
        clock.advance(KioskModel.NO_CONNECTION_AFTER);
        model.tick();
        assertEquals(Screen.NO_CONNECTION, model.view().screen());
        model.longPress();
        assertEquals(Screen.SERVICE, model.view().screen(), "no PIN set: straight in");
        model.closeServiceScreen();
        assertEquals(Screen.NO_CONNECTION, model.view().screen());
    }

    @Test
    void theLineIsSaidInWordsFromTheFleetsVerdict() {
        model.kioskInfo(info(KioskInfo.Line.AUDIO_ONLY, List.of()));
        assertEquals(LineWords.AUDIO_ONLY, model.view().line());
        model.kioskInfo(info(KioskInfo.Line.VIDEO_HD, List.of()));
        assertEquals(LineWords.GOOD, model.view().line());
        model.kioskInfo(info(KioskInfo.Line.INSUFFICIENT, List.of()));
        assertEquals(LineWords.WEAK, model.view().line());
        model.linkDown();
        assertEquals(LineWords.NONE, model.view().line(), "no link trumps the last verdict");
    }

    @Test
    void lockedShowsTheLockUntilUnlockedAndRefusesTheServiceScreen() {
        model.settings(new DeviceSettings(null, null, "da").withChanges(
                new DeviceSettings(null, null, null, null, null, null, null, null, null, null, "IT-support 70 12 34 56")));
        model.locked(Optional.of("Enheden er meldt bortkommet"));
        KioskView v = model.view();
        assertEquals(Screen.LOCKED, v.screen());
        assertEquals("IT-support 70 12 34 56", v.supportContact());
        assertEquals("Enheden er meldt bortkommet", v.lockMessage());
        model.longPress();
        assertEquals(Screen.LOCKED, model.view().screen());
        model.locked(Optional.empty());
        assertEquals(Screen.IDLE, model.view().screen());
    }

    @Test
    void theServiceScreenNeedsTheFleetsPinAndClosesByItself() {
        model.settings(new DeviceSettings(null, null, null, null, null, null, null, null, null, "4711", null));
        model.longPress();
        assertEquals(Screen.SERVICE_PIN, model.view().screen());
        for (int d : new int[] {1, 2, 3, 4}) {
            model.pinDigit(d);
        }
        assertTrue(model.view().pinWrong());
        assertEquals(Screen.SERVICE_PIN, model.view().screen());
        for (int d : new int[] {4, 7, 1}) {
            model.pinDigit(d);
        }
        assertEquals(3, model.view().pinDigits());
        model.pinDigit(1);
        assertEquals(Screen.SERVICE, model.view().screen());
        clock.advance(KioskModel.SERVICE_CLOSES_AFTER.plusSeconds(1));
        model.tick();
        assertEquals(Screen.IDLE, model.view().screen());
    }

    @Test
    void theNextVisitAndItsReminderComeFromTheKioskInfo() {
        Instant at = clock.instant().plus(Duration.ofHours(2));
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", "Team Nord", KioskInfo.Line.VIDEO,
                List.of(new KioskInfo.Appointment("a2", at.plus(Duration.ofDays(1)), 30, "Mette Hansen"),
                        new KioskInfo.Appointment("a1", at, 30, "Mette Hansen")), 15));
        KioskView v = model.view();
        assertEquals("Mette Hansen", v.workerName());
        assertEquals("a1", v.nextVisit().id(), "the soonest first");
        assertFalse(v.visitSoon());
        clock.advance(Duration.ofMinutes(105));
        assertTrue(model.view().visitSoon(), "15 minutes before, the reminder shows");
        clock.advance(Duration.ofMinutes(50));
        assertEquals("a2", model.view().nextVisit().id(), "a visit that is over gives way to the next");
    }

    @Test
    void nightHoursMayRunOverMidnight() {
        model.settings(new DeviceSettings(null, null, null, null, null, "22:00", "07:00", 10, null, null, null));
        // 09:00Z is 10:00 in Copenhagen.
        assertFalse(model.view().night());
        clock.now = Instant.parse("2026-11-23T22:30:00Z");
        assertTrue(model.view().night());
        clock.now = Instant.parse("2026-11-24T05:59:00Z");
        assertTrue(model.view().night());
        clock.now = Instant.parse("2026-11-24T06:00:00Z");
        assertFalse(model.view().night(), "07:00 in Copenhagen");
    }

    @Test
    void languageFollowsTheSettings() {
        assertEquals("da", model.view().locale().getLanguage());
        model.settings(new DeviceSettings(null, null, "en"));
        assertEquals("en", model.view().locale().getLanguage());
    }

    @Test
    void theAudioOnlySignFollowsTheCallsAdaptation() throws Exception {
        receive(CallSignal.ring("c1", clock.instant(), "Mette", null, ICE));
        onAgent(calls::answer);
        media.connected();
        onAgent(() -> { });
        model.profileChanged(MediaProfile.AUDIO_ONLY);
        assertTrue(model.view().audioOnly());
        onAgent(() -> calls.mute(true));
        assertTrue(model.view().muted());
    }

    /** The media seam, quiet: the test says when it connects or fails. */
    private final class QuietMedia implements CallMedia {
        public void start(List<IceServer> iceServers, dk.bostotte.protocol.message.CallSignal.IceTransportPolicy p,
                          Listener l) { media = l; }
        public void remoteAnswer(String sdp) { }
        public void remoteCandidate(int m, String c) { }
        public CallStats sample() { return null; }
        public void apply(MediaProfile p) { }
        public MediaProfile profile() { return MediaProfile.SD; }
        public void mute(boolean m) { }
        public void cameraOff(boolean off) { }
        public void speakerVolume(int pct) { }
        public void close() { }
    }

    private KioskInfo info(KioskInfo.Line line, List<KioskInfo.Appointment> visits) {
        return new KioskInfo(1, clock.instant(), "Mette", null, line, visits, null);
    }
}
