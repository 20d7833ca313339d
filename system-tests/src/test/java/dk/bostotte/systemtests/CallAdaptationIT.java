package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A call over a line that gets poor and recovers: the device runs in its own network namespace,
 * its uplink is squeezed with tc tbf mid-call, and it must step down to what the line carries
 * (as far as audio only), then back up once the line is good again. The call record keeps the
 * changes. Needs root (network namespaces), as CI has.
 */
class CallAdaptationIT {

    @Test
    void theDeviceStepsDownOnAPoorUplinkAndBackUpWhenItRecovers() throws Exception {
        assumeTrue(ShapedLink.available(), "needs root and iproute2 for a network namespace");
        ConsoleBrowser.require();
        try (ShapedLink link = ShapedLink.create("call");
             // MQTT also on the shaped link's host address, where the device reaches the server.
             FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("mqtt.host", ShapedLink.HOST_ADDRESS))) {
            EnrolledDevice d = env.enroll("rpi4-kiosk", "call-adaptation", ShapedLink.HOST_ADDRESS);
            env.addCitizen("Citizen on a poor line", "staff", d.id());
            try (DeviceProcess device = env.startDevice(link, d, "--simulate", "--answer-after-s", "0.5");
                 ConsoleBrowser browser = ConsoleBrowser.open(env.httpUrl(), Path.of("target", "screenshots"))) {
                device.awaitConnected(Duration.ofSeconds(30));
                browser.signIn("staff", FleetTestEnvironment.ADMIN_PASSWORD);
                browser.waitFor(Duration.ofSeconds(10), () -> browser.callState().contains("\"socket\":\"open\""));
                browser.click(By.cssSelector("button.call[data-device='" + d.id().value() + "']"), Duration.ofSeconds(15));
                browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(browser.js("return window.bostotteCall.state")));
                device.awaitLog("call: in call", Duration.ofSeconds(10));

                // The line drops to 96 kbit/s up: enough for audio (about 50 kbit/s with headers), not
                // for any video step. (The test picture fills the encoder's target, 800 kbit/s at SD and
                // 300 at LOW; the earlier ball on black made 170 and 150, so at 200 kbit/s a loaded
                // machine never congested the line.)
                link.shapeUplink(96);
                device.awaitLog("now sending LOW", Duration.ofSeconds(30));
                device.awaitLog("now sending AUDIO_ONLY", Duration.ofSeconds(30));
                browser.screenshot("call-audio-only-on-a-poor-line");
                assertEquals("connected", browser.js("return window.bostotteCall.state"), "the call itself goes on");

                // Audio only for real: the worker's browser decodes no more pictures.
                Thread.sleep(3000);
                long pausedAt = framesDecoded(browser);
                Thread.sleep(4000);
                assertTrue(framesDecoded(browser) - pausedAt < 10, "video still arrives at audio only: "
                        + pausedAt + " -> " + framesDecoded(browser));

                link.unshape();
                // Each step up waits for five calm reports (10 s); on a loaded machine one report with
                // a late RTCP answer starts the count again, so allow several tries per step.
                device.awaitLog("now sending LOW", 2, Duration.ofSeconds(60));
                // The picture comes back in the browser, after a pause long enough for webrtcbin to
                // forget the video stream in its own statistics (the device must still see it go out).
                long resumedAt = framesDecoded(browser);
                browser.waitFor(Duration.ofSeconds(15), () -> framesDecoded(browser) > resumedAt + 30);
                device.awaitLog("now sending SD", Duration.ofSeconds(60));
                String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));
                browser.click(By.id("call-hangup"), Duration.ofSeconds(5));
                device.awaitLog("call: idle", Duration.ofSeconds(5));

                JsonNode call = new ObjectMapper().readTree(env.http().get("/api/calls/" + callId, "admin",
                        FleetTestEnvironment.ADMIN_PASSWORD).body());
                JsonNode quality = call.path("quality");
                assertTrue(quality.path("modeChanges").asInt() >= 2, "down to audio only and back: " + quality);
                assertEquals("video", quality.path("lastMode").asText(), quality.toString());
                // What made it step down, by the adapter's own rule: loss over 5 % or RTT over 400 ms.
                JsonNode seen = quality.path("device");
                assertTrue(seen.path("lossPctWorst").asDouble() > 5 || seen.path("rttMsWorst").asDouble() > 400,
                        "the device saw the line worsen: " + quality);
            }
        }
    }

    private static long framesDecoded(ConsoleBrowser browser) {
        Object v = browser.js("return window.bostotteCall.framesDecoded || 0");
        return v instanceof Number n ? n.longValue() : 0;
    }
}
