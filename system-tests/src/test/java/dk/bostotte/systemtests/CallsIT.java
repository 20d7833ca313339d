package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.accounts.PasswordHasher;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Video calls end to end: the real fleet server, real device agents making real GStreamer
 * pipelines (test picture and tone for camera and microphone) and a real headless Chromium as the
 * support worker's console, all on loopback. One server, one browser and one answering device
 * are shared by every test here.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CallsIT {

    private static final Duration CALL_SETUP = Duration.ofSeconds(30);
    /** Both sides must be idle again this soon after a call ends. */
    private static final Duration BACK_TO_IDLE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FleetTestEnvironment env;
    private static ConsoleBrowser browser;
    private static EnrolledDevice answering;
    private static DeviceProcess answeringProcess;

    @BeforeAll
    static void start() {
        ConsoleBrowser.require();
        env = FleetTestEnvironment.shared();
        answering = env.enroll("rpi4-kiosk", "call-answers");
        env.addCitizen("Birthe Answers", "staff", answering.id());
        answeringProcess = env.startDevice(answering, "--simulate", "--answer-after-s", "2",
                "--ice-local-address", "127.0.0.1");
        answeringProcess.awaitConnected(Duration.ofSeconds(30));
        browser = ConsoleBrowser.shared(env.httpUrl());
        browser.signIn("staff", FleetTestEnvironment.ADMIN_PASSWORD);
        awaitSocketOpen();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (answeringProcess != null) {
            answeringProcess.close();
        }
    }

    private static void awaitSocketOpen() {
        browser.waitFor(Duration.ofSeconds(10), () -> browser.callState().contains("\"socket\":\"open\""));
    }

    private static void clickCall(EnrolledDevice device) {
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("call")).isDisplayed());
        browser.get("/");
        awaitSocketOpen();
        callButtonOf(device);
    }

    private static void callButtonOf(EnrolledDevice device) {
        browser.click(By.cssSelector("button.call[data-device='" + device.id().value() + "']"), Duration.ofSeconds(15));
    }

    /** How often the shared device has said it is idle: a test waits for one more after its call. */
    private static long answeringIdles() {
        return answeringLines("call: idle");
    }

    private static long answeringLines(String containing) {
        return answeringProcess.output().lines().filter(l -> l.contains(containing)).count();
    }

    private static void awaitAnsweringIdleAfter(long idles) {
        answeringProcess.awaitLog("call: idle", (int) idles + 1, BACK_TO_IDLE);
    }

    /** The console is back to its list: the call panel closes by itself after showing the outcome. */
    private static void awaitConsoleIdle() {
        browser.waitFor(BACK_TO_IDLE, () -> !browser.find(By.id("call")).isDisplayed());
    }

    /** The call's states in the audit log, oldest first. */
    private static java.util.List<String> auditedStates(String callId) {
        return env.db().fetch("select action from audit_log where detail->>'callId' = ? order by id", callId)
                .getValues(0, String.class);
    }

    private static String pageState() {
        return String.valueOf(browser.js("return window.bostotteCall.state"));
    }

    private static long pageNumber(String field) {
        Object v = browser.js("return window.bostotteCall." + field + " || 0");
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static JsonNode callRecord(String callId) throws Exception {
        var response = env.http().get("/api/calls/" + callId, "admin", FleetTestEnvironment.ADMIN_PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String awaitFinalState(String expected) {
        browser.waitFor(CALL_SETUP, () -> expected.equals(pageState()));
        return String.valueOf(browser.js("return window.bostotteCall.callId"));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void a_staffCallsTheDeviceWhichAnswersMediaFlowsBothWaysAndTheWorkerHangsUp() throws Exception {
        // Before calling, the worker sees that the line carries video (the simulated kiosk measures a good Wi-Fi).
        browser.get("/");
        By line = By.cssSelector("tr[data-device='" + answering.id().value() + "'] .line-video-hd");
        browser.waitFor(Duration.ofSeconds(15), () -> !browser.findAll(line).isEmpty());
        assertEquals("God forbindelse (HD-video)", browser.find(line).getText());
        clickCall(answering);
        browser.waitFor(Duration.ofSeconds(5), () -> "ringing".equals(pageState()) || "connecting".equals(pageState()));
        answeringProcess.awaitLog("call: ringing, Bostøttemedarbejder calling", Duration.ofSeconds(10));
        browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
        // Video frames and audio decoded in the browser; the device's own counts arrive in its stats.
        browser.waitFor(Duration.ofSeconds(15), () -> pageNumber("framesDecoded") > 30 && pageNumber("audioSamplesReceived") > 0);
        answeringProcess.awaitLog("call: in call with", Duration.ofSeconds(10));
        Thread.sleep(4500); // two device statistics reports
        browser.screenshot("call-connected");
        String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));

        long idles = answeringIdles();
        browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
        assertEquals("ended", pageState());
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();

        JsonNode call = callRecord(callId);
        assertEquals("ended", call.path("state").asText());
        assertEquals("to-device", call.path("direction").asText());
        assertEquals("Birthe Answers", call.path("citizen").asText());
        assertTrue(call.path("connectedAt").isTextual(), call.toString());
        assertTrue(call.path("endedAt").isTextual(), call.toString());
        assertEquals("Bostøttemedarbejder", call.path("worker").asText(), call.toString());
        assertEquals("the worker hung up", call.path("reason").asText(), call.toString());
        assertTrue(call.path("durationS").asInt() >= 4, "held for the two reports at least: " + call);
        JsonNode device = call.path("quality").path("device");
        assertTrue(device.path("framesDecoded").asLong() > 0, "the device decoded the worker's video: " + call);
        assertTrue(device.path("audioBuffersPlayed").asLong() > 0, "the device played the worker's voice: " + call);
        assertTrue(device.path("reports").asInt() >= 1, call.toString());
        assertTrue(device.path("rttMsMean").isNumber() && device.path("recvKbpsMean").asDouble() > 0,
                "the device reads RTT and bitrate from webrtcbin: " + call);
        assertTrue(call.path("quality").path("browser").path("framesDecoded").asLong() > 30, call.toString());
        JsonNode audit = JSON.readTree(env.http().get("/api/calls?deviceId=" + answering.id().value(), "admin",
                FleetTestEnvironment.ADMIN_PASSWORD).body());
        assertTrue(audit.isArray() && audit.size() >= 1);
        assertEquals(java.util.List.of("call.ringing", "call.connecting", "call.connected", "call.ended"),
                auditedStates(callId), "every transition is audited, in order");
    }

    @Test
    void b0_theWorkerSeesThemselvesChoosesAMicrophoneMutesTurnsTheCameraOffAndGoesFullScreen() throws Exception {
        clickCall(answering);
        browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
        browser.waitFor(Duration.ofSeconds(10), () -> ((Number) browser.js(
                "return document.getElementById('self-video').videoWidth")).intValue() > 0);
        String audioTrack = "document.getElementById('self-video').srcObject.getAudioTracks()[0]";
        String videoTrack = "document.getElementById('self-video').srcObject.getVideoTracks()[0]";

        // Another microphone: Chromium's fake devices offer several.
        var mics = new org.openqa.selenium.support.ui.Select(browser.find(By.id("call-mic-choice")));
        assertTrue(mics.getOptions().size() >= 2, "microphones listed: " + mics.getOptions().size());
        String other = mics.getOptions().get(1).getText();
        mics.selectByIndex(1);
        browser.waitFor(Duration.ofSeconds(5), () -> other.equals(browser.js("return " + audioTrack + ".label")));
        assertTrue(new org.openqa.selenium.support.ui.Select(browser.find(By.id("call-camera-choice"))).getOptions().size() >= 1);

        browser.click(By.id("call-mute"), Duration.ofSeconds(2));
        assertEquals(Boolean.FALSE, browser.js("return " + audioTrack + ".enabled"));
        assertEquals("Slå lyd til", browser.find(By.id("call-mute")).getText());
        browser.click(By.id("call-mute"), Duration.ofSeconds(2));
        assertEquals(Boolean.TRUE, browser.js("return " + audioTrack + ".enabled"));

        // Camera off: black frames instead of the picture, a fraction of the bytes.
        long on = videoBytesOver(Duration.ofSeconds(6));
        browser.click(By.id("call-camera"), Duration.ofSeconds(2));
        assertEquals(Boolean.FALSE, browser.js("return " + videoTrack + ".enabled"));
        assertEquals("Tænd kamera", browser.find(By.id("call-camera")).getText());
        Thread.sleep(2500); // the encoder settles on black
        long off = videoBytesOver(Duration.ofSeconds(6));
        assertTrue(off < on / 3, "video sent with the camera off: " + off + " bytes against " + on + " with it on");
        browser.click(By.id("call-camera"), Duration.ofSeconds(2));
        assertEquals("Sluk kamera", browser.find(By.id("call-camera")).getText());

        browser.click(By.id("call-fullscreen"), Duration.ofSeconds(2));
        browser.waitFor(Duration.ofSeconds(5), () -> "remote-video".equals(browser.js(
                "return document.fullscreenElement && document.fullscreenElement.id")));
        browser.js("document.exitFullscreen()");
        long idles = answeringIdles();
        browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();
    }

    /** Video bytes the browser sent over a stretch of the call (its stats come every 2 s). */
    private static long videoBytesOver(Duration stretch) throws InterruptedException {
        long from = pageNumber("videoBytesSent");
        Thread.sleep(stretch.toMillis());
        return pageNumber("videoBytesSent") - from;
    }

    @Test
    void a2_theWorkerWhoseCameraOpensAfterTheCitizenAnsweredIsStillSeenAndHeard() throws Exception {
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("call")).isDisplayed());
        browser.get("/");
        awaitSocketOpen();
        // The camera takes 4 s to open, as when the browser first asks the worker's permission; the
        // kiosk answers after 2 s and its offer arrives first. Answered without the camera, the call
        // was one-way: the worker saw the citizen, the citizen saw and heard nothing.
        browser.js("const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
                + "navigator.mediaDevices.getUserMedia = (c) => new Promise((r) => setTimeout(r, 4000)).then(() => open(c));");
        long inCall = answeringLines("call: in call with");
        long idles = answeringIdles();
        callButtonOf(answering);
        browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
        answeringProcess.awaitLog("call: in call with", (int) inCall + 1, CALL_SETUP);
        Thread.sleep(4500); // two device statistics reports
        String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));
        browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();
        JsonNode device = callRecord(callId).path("quality").path("device");
        assertTrue(device.path("framesDecoded").asLong() > 0, "the citizen saw the worker: " + device);
        assertTrue(device.path("audioBuffersPlayed").asLong() > 0, "and heard them: " + device);
    }

    @Test
    void b_theCitizenHangsUp() throws Exception {
        long idles = answeringIdles();
        clickCall(answering);
        browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
        String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));
        answeringProcess.press("hangup");
        browser.waitFor(BACK_TO_IDLE, () -> "ended".equals(pageState()));
        browser.screenshot("call-ended-by-citizen");
        assertEquals("the citizen hung up", callRecord(callId).path("reason").asText());
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();
    }

    @Test
    void c_theCitizenCallsTheirWorkerWhoAnswersInTheBrowser() throws Exception {
        browser.get("/");
        awaitSocketOpen();
        long idles = answeringIdles();
        answeringProcess.press("call");
        browser.click(By.id("incoming-accept"), Duration.ofSeconds(10));
        browser.screenshot("incoming-call-answered");
        browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
        browser.waitFor(Duration.ofSeconds(15), () -> pageNumber("framesDecoded") > 10);
        String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));
        browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
        awaitAnsweringIdleAfter(idles);
        JsonNode call = callRecord(callId);
        assertEquals("from-device", call.path("direction").asText());
        assertEquals("ended", call.path("state").asText());
    }

    @Test
    void d_theCitizenDeclines() throws Exception {
        try (DeviceProcess device = startDevice("declines", "--answer-after-s", "0")) {
            clickCall(deviceOf("declines"));
            device.awaitLog("call: ringing", Duration.ofSeconds(10));
            device.press("decline");
            String callId = awaitFinalState("declined");
            assertTrue(browser.find(By.id("call-status")).getText().contains("afviste"),
                    "said in Danish: " + browser.find(By.id("call-status")).getText());
            browser.screenshot("call-declined");
            device.awaitLog("call: idle", 1, BACK_TO_IDLE);
            awaitConsoleIdle();
            assertEquals(java.util.List.of("call.ringing", "call.declined"), auditedStates(callId));
        }
    }

    @Test
    void d1_aKioskLockedByItSupportIsSaidToBeLockedNotToHaveDeclined() throws Exception {
        try (DeviceProcess device = startDevice("locked", "--answer-after-s", "0")) {
            var lock = env.http().post("/api/devices/" + deviceOf("locked").id().value() + "/commands", "admin",
                    FleetTestEnvironment.ADMIN_PASSWORD, "{\"type\":\"lock\",\"params\":{\"message\":\"Ring til IT-support\"}}");
            assertTrue(lock.statusCode() / 100 == 2, lock.body());
            device.awaitLog("locked by IT support", Duration.ofSeconds(30));
            clickCall(deviceOf("locked"));
            String callId = awaitFinalState("locked");
            String said = browser.find(By.id("call-status")).getText();
            assertTrue(said.contains("låst af IT-support"), "said in Danish as what it is: " + said);
            assertFalse(said.contains("afviste") || said.contains("declined"), "not that the citizen declined: " + said);
            browser.screenshot("call-locked");
            assertEquals("locked", callRecord(callId).path("state").asText());
            assertEquals(java.util.List.of("call.ringing", "call.locked"), auditedStates(callId));
            awaitConsoleIdle();
        }
    }

    @Test
    void d2_aKioskWithItsButtonAndLightConnectsOnItsVeryFirstCall() throws Exception {
        // Pi4J's mock GPIO in the process, as the button and light run on a Pi: this kiosk's first call
        // used to fail every time ("did not connect within 10 s") when the offer's promise was
        // garbage-collected before webrtcbin answered it.
        try (DeviceProcess device = startDevice("with-gpio", "--gpio", "mock", "--answer-after-s", "1")) {
            device.awaitLog("answer button on GPIO 17 and status light on GPIO 27", Duration.ofSeconds(10));
            clickCall(deviceOf("with-gpio"));
            browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(pageState()));
            device.awaitLog("call: in call", Duration.ofSeconds(10));
            browser.click(By.id("call-hangup"), Duration.ofSeconds(5));
            device.awaitLog("call: idle", 1, BACK_TO_IDLE);
        }
    }

    @Test
    void e_nobodyAnswersAndTheCallIsMissed() throws Exception {
        try (DeviceProcess device = startDevice("never-answers", "--answer-after-s", "0")) {
            clickCall(deviceOf("never-answers"));
            String callId = awaitFinalState("missed");
            assertTrue(callRecord(callId).path("reason").asText().contains("no answer"));
            assertTrue(browser.find(By.id("call-status")).getText().startsWith("Intet svar"),
                    "said in Danish: " + browser.find(By.id("call-status")).getText());
            browser.screenshot("call-missed");
            device.awaitLog("call: idle", 1, BACK_TO_IDLE);
            awaitConsoleIdle();
            assertEquals(java.util.List.of("call.ringing", "call.missed"), auditedStates(callId));
        }
    }

    @Test
    void f_anOfflineDeviceIsUnreachableAtOnce() throws Exception {
        EnrolledDevice offline = env.enroll("rpi4-kiosk", "call-offline");
        env.addCitizen("Ove Offline", "staff", offline.id());
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("call")).isDisplayed());
        browser.get("/");
        awaitSocketOpen();
        long before = System.nanoTime();
        callButtonOf(offline);
        String callId = awaitFinalState("unreachable");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5), "said at once, no ringing into the void");
        assertTrue(browser.find(By.id("call-status")).getText().contains("offline"));
        // The panel's buttons keep their labels though the call ended before the camera opened.
        assertFalse(browser.find(By.id("call-mute")).getText().isBlank(), "the mute button has its label");
        assertFalse(browser.find(By.id("call-camera")).getText().isBlank(), "the camera button has its label");
        browser.screenshot("call-unreachable");
        assertEquals("unreachable", callRecord(callId).path("state").asText());
        assertEquals(java.util.List.of("call.unreachable"), auditedStates(callId));
        awaitConsoleIdle();
    }

    @Test
    void g_aDeviceAlreadyInACallIsBusy() throws Exception {
        long idles = answeringIdles();
        long rings = answeringLines("call: ringing");
        try (ConsoleSocket admin = ConsoleSocket.open(env, "admin")) {
            // The admin's call keeps the device: it rings, then answers by itself.
            admin.send("{\"type\":\"call\",\"deviceId\":\"" + answering.id().value() + "\"}");
            JsonNode first = admin.next("state");
            assertEquals("ringing", first.path("state").asText(), first.toString());
            FleetTestEnvironment.await("the admin's ring on the device", Duration.ofSeconds(10),
                    () -> answeringLines("call: ringing") > rings);
            clickCall(answering);
            String callId = awaitFinalState("busy");
            assertTrue(browser.find(By.id("call-status")).getText().startsWith("Enheden er optaget"),
                    "said in Danish: " + browser.find(By.id("call-status")).getText());
            browser.screenshot("call-busy");
            Thread.sleep(1000); // the camera may still have been opening when "busy" came
            assertTrue(browser.find(By.id("call-status")).getText().startsWith("Enheden er optaget"),
                    "the outcome stays: " + browser.find(By.id("call-status")).getText());
            assertEquals(Boolean.TRUE, browser.js("return document.getElementById('self-video').srcObject === null"),
                    "no camera left open for a call that never started");
            assertEquals("busy", callRecord(callId).path("state").asText());
            assertEquals(java.util.List.of("call.busy"), auditedStates(callId));
            assertEquals(0, answeringIdles() - idles, "the call in progress is not disturbed");
            admin.send("{\"type\":\"hangup\",\"callId\":\"" + first.path("callId").asText() + "\"}");
        }
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();
    }

    @Test
    void h_whenIceCannotConnectTheCallFailsWithTheReason() throws Exception {
        browser.get("/");
        awaitSocketOpen();
        // A firewall that lets no media through: the browser neither sends nor accepts ICE candidates.
        browser.js("const send = WebSocket.prototype.send;"
                + "WebSocket.prototype.send = function (m) { if (!String(m).includes('\"type\":\"ice\"')) send.call(this, m); };"
                + "RTCPeerConnection.prototype.addIceCandidate = async function () {};");
        long idles = answeringIdles();
        callButtonOf(answering);
        String callId = awaitFinalState("failed");
        JsonNode call = callRecord(callId);
        assertTrue(call.path("reason").asText().contains("ICE"), call.toString());
        // Said in the page's words; the server's English reason stays readable for IT support (on hover).
        String said = browser.find(By.id("call-status")).getText();
        assertTrue(said.contains("mislykkedes") && !said.contains("ICE"), said);
        assertTrue(browser.find(By.id("call-status")).getAttribute("title").contains("ICE"));
        browser.screenshot("call-failed-ice");
        assertEquals("call.failed", last(auditedStates(callId)));
        awaitAnsweringIdleAfter(idles);
        awaitConsoleIdle();
    }

    @Test
    void i_staffMayOnlyCallTheirOwnCitizens() throws Exception {
        new AccountService(env.db(), new PasswordHasher()).upsert("other-staff", "Anden medarbejder", Role.STAFF,
                FleetTestEnvironment.ADMIN_PASSWORD.toCharArray());
        long ringsBefore = answeringProcess.output().lines().filter(l -> l.contains("call: ringing")).count();
        try (ConsoleSocket other = ConsoleSocket.open(env, "other-staff")) {
            other.send("{\"type\":\"call\",\"deviceId\":\"" + answering.id().value() + "\"}");
            JsonNode error = other.next("error");
            assertTrue(error.path("message").asText().contains("assigned to you"), error.toString());
        }
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'other-staff' and action = 'call.refused'")));
        Thread.sleep(1000);
        assertEquals(ringsBefore, answeringProcess.output().lines().filter(l -> l.contains("call: ringing")).count(),
                "the refused call never rang");
    }

    @Test
    void j_whenTheWorkerHasNoConsoleOpenTheTeamIsRung() throws Exception {
        AccountService accounts = new AccountService(env.db(), new PasswordHasher());
        for (String user : new String[] {"away-worker", "team-mate"}) {
            accounts.upsert(user, user, Role.STAFF, FleetTestEnvironment.ADMIN_PASSWORD.toCharArray());
            accounts.setTeam(user, "Team Syd");
        }
        EnrolledDevice d = env.enroll("rpi4-kiosk", "call-team");
        env.addCitizen("Citizen of an absent worker", "away-worker", d.id());
        try (DeviceProcess device = env.startDevice(d, "--simulate", "--ice-local-address", "127.0.0.1");
             ConsoleSocket mate = ConsoleSocket.open(env, "team-mate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            device.press("call");
            JsonNode incoming = mate.next("incoming");
            assertEquals(d.id().value(), incoming.path("deviceId").asText());
            assertEquals("Citizen of an absent worker", incoming.path("citizen").asText());
            mate.send("{\"type\":\"decline\",\"callId\":\"" + incoming.path("callId").asText() + "\"}");
            assertEquals("declined", mate.next("state").path("state").asText());
            device.awaitLog("call: idle", 1, BACK_TO_IDLE);
        }
    }

    @Test
    void k_theWorkerTurnsOnAutoAnswerAndTheDeviceAnswersAfterItsWarning() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "call-auto-answer");
        long citizen = env.addCitizen("Citizen with auto-answer", "staff", d.id());
        String policy = "{\"answerPolicy\":\"auto-answer\",\"autoAnswerS\":3,\"autoAnswerCallers\":[\"staff\"]}";
        String path = "/api/citizens/" + citizen + "/answer-policy";
        assertEquals(404, env.http().put(path, "other-staff", FleetTestEnvironment.ADMIN_PASSWORD, policy).statusCode(),
                "only the citizen's own worker (or an admin) sets it");
        assertEquals(400, env.http().put(path, "staff", FleetTestEnvironment.ADMIN_PASSWORD,
                "{\"answerPolicy\":\"always\"}").statusCode());
        var set = env.http().put(path, "staff", FleetTestEnvironment.ADMIN_PASSWORD, policy);
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'staff' and action = 'citizen.answer-policy' and subject = ?", Long.toString(citizen))));
        // This device never answers by itself: only the policy can pick up.
        try (DeviceProcess device = env.startDevice(d, "--simulate", "--answer-after-s", "0",
                "--ice-local-address", "127.0.0.1")) {
            device.awaitConnected(Duration.ofSeconds(30));
            clickCall(d);
            device.awaitLog("auto-answer in 3 s, camera goes live", Duration.ofSeconds(10));
            browser.waitFor(CALL_SETUP, () -> "connected".equals(pageState()));
            browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
            device.awaitLog("call: idle", 1, BACK_TO_IDLE);

            // The admin is not on the list: the kiosk rings and waits for the citizen.
            try (ConsoleSocket admin = ConsoleSocket.open(env, "admin")) {
                admin.send("{\"type\":\"call\",\"deviceId\":\"" + d.id().value() + "\"}");
                JsonNode ringing = admin.next("state");
                assertEquals("ringing", ringing.path("state").asText(), ringing.toString());
                device.awaitLog("call: ringing", 2, Duration.ofSeconds(10));
                Thread.sleep(5000); // past the 3 s the allow-listed worker got
                assertEquals(1, device.output().lines().filter(l -> l.contains("auto-answer in")).count(),
                        "no auto-answer for a caller who is not on the list");
                assertEquals("ringing", callRecord(ringing.path("callId").asText()).path("state").asText(),
                        "still waiting for the citizen");
                admin.send("{\"type\":\"hangup\",\"callId\":\"" + ringing.path("callId").asText() + "\"}");
            }
            device.awaitLog("call: idle", 2, BACK_TO_IDLE);
        }
    }

    @Test
    void l_theCallSocketIsOnlyForSignedInUsersOnThisSite() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + env.httpPort() + "/api/calls/ws");
        assertEquals(401, handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(), ws));
        String basic = Base64.getEncoder().encodeToString(("staff:" + FleetTestEnvironment.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(403, handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Basic " + basic).header("Origin", "https://elsewhere.example"), ws),
                "a signed-in user's browser on another site may not open it");
    }

    /** The HTTP status a refused WebSocket handshake got (fails if it was accepted). */
    private static int handshakeStatus(WebSocket.Builder builder, URI uri) throws Exception {
        try {
            builder.buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError("the WebSocket was opened");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final java.util.Map<String, EnrolledDevice> extra = new java.util.HashMap<>();

    private static DeviceProcess startDevice(String name, String... args) {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "call-" + name);
        extra.put(name, d);
        env.addCitizen("Citizen " + name, "staff", d.id());
        String[] all = new String[args.length + 3];
        all[0] = "--simulate";
        all[1] = "--ice-local-address";
        all[2] = "127.0.0.1";
        System.arraycopy(args, 0, all, 3, args.length);
        DeviceProcess p = env.startDevice(d, all);
        p.awaitConnected(Duration.ofSeconds(30));
        return p;
    }

    private static String last(java.util.List<String> list) {
        return list.isEmpty() ? "(nothing audited)" : list.get(list.size() - 1);
    }

    private static EnrolledDevice deviceOf(String name) {
        return extra.get(name);
    }

    /** A console's call WebSocket opened by a script with basic credentials. */
    static final class ConsoleSocket implements AutoCloseable, WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static ConsoleSocket open(FleetTestEnvironment env, String user) throws Exception {
            ConsoleSocket s = new ConsoleSocket();
            String basic = Base64.getEncoder().encodeToString((user + ":" + FleetTestEnvironment.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Basic " + basic)
                    .buildAsync(URI.create("ws://127.0.0.1:" + env.httpPort() + "/api/calls/ws"), s)
                    .get(10, TimeUnit.SECONDS);
            return s;
        }

        void send(String json) throws Exception {
            socket.sendText(json, true).get(5, TimeUnit.SECONDS);
        }

        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode n = received.poll(100, TimeUnit.MILLISECONDS);
                if (n != null && type.equals(n.path("type").asText())) {
                    return n;
                }
            }
            throw new AssertionError("no '" + type + "' message on the call socket");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("server sent invalid JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
