package dk.bostotte.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.ReportedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredConfigApplierTest {

    @TempDir
    Path data;

    private final List<DeviceSettings> changes = new ArrayList<>();

    /** Settings as the command line would start them, with a listener recording every change. */
    private LiveSettings cliDefaults() {
        LiveSettings live = new LiveSettings(60, 10, "da");
        live.onChange((old, now) -> changes.add(now));
        return live;
    }

    /** What LiveSettings holds for these intervals and language: the kiosk defaults for the rest. */
    private static DeviceSettings kiosk(int status, int telemetry, String language) {
        return LiveSettings.KIOSK_DEFAULTS.withChanges(new DeviceSettings(status, telemetry, language));
    }

    private static DesiredConfig desired(long revision, Integer status, Integer telemetry, String language) {
        return new DesiredConfig(1, revision, new DeviceSettings(status, telemetry, language));
    }

    @Test
    void appliesIntervalsAndLanguageLiveAndReportsWhatIsInForce() {
        LiveSettings live = cliDefaults();
        ReportedConfig r = new DesiredConfigApplier(data, live).apply(desired(3, 30, 5, "en"));
        assertTrue(r.applied());
        assertNull(r.error());
        assertEquals(3, r.revision());
        assertEquals(kiosk(30, 5, "en"), r.settings());
        assertEquals(kiosk(30, 5, "en"), live.current());
        assertEquals(List.of(kiosk(30, 5, "en")), changes, "listeners hear of the change once");
    }

    @Test
    void settingsTheFleetLeavesOutAreTheDevicesOwn() {
        LiveSettings live = cliDefaults();
        ReportedConfig r = new DesiredConfigApplier(data, live).apply(desired(1, null, 20, null));
        assertEquals(kiosk(60, 20, "da"), r.settings());
        assertEquals(20, live.telemetryIntervalS());
    }

    @Test
    void sameRevisionDeliveredAgainIsAcknowledgedWithoutReapplying() {
        LiveSettings live = cliDefaults();
        DesiredConfigApplier applier = new DesiredConfigApplier(data, live);
        applier.apply(desired(4, 120, null, null));
        changes.clear();
        ReportedConfig again = applier.apply(desired(4, 120, null, null));
        assertTrue(again.applied());
        assertEquals(4, again.revision());
        assertEquals(List.of(), changes);
    }

    @Test
    void aFileWrittenBeforeTheAnswerPolicyWasAnEnumReadsTheSame() throws Exception {
        Files.writeString(data.resolve(DesiredConfigApplier.FILE), "revision=5\nanswerPolicy=ring\nvolumePercent=40\n");
        LiveSettings live = new LiveSettings(60, 10, "da");
        new DesiredConfigApplier(data, live);
        assertEquals(AnswerPolicy.RING, live.current().answerPolicy());
        assertEquals(40, live.current().volumePercent());

        new DesiredConfigApplier(data, live).apply(new DesiredConfig(1, 6,
                new DeviceSettings(null, null, null, null, null, null, null, null, AnswerPolicy.AUTO_ANSWER, null, null)));
        assertTrue(Files.readString(data.resolve(DesiredConfigApplier.FILE)).contains("answerPolicy=auto-answer"),
                "kept in its wire spelling");
    }

    @Test
    void afterRestartTheLastAppliedConfigIsInForceAndItsRevisionRemembered() {
        new DesiredConfigApplier(data, cliDefaults()).apply(desired(7, 300, 15, "en"));
        changes.clear();

        LiveSettings afterRestart = new LiveSettings(60, 10, "da");
        DesiredConfigApplier applier = new DesiredConfigApplier(data, afterRestart);
        assertEquals(kiosk(300, 15, "en"), afterRestart.current(), "not the command-line defaults");
        assertEquals(Optional.of(7L), applier.appliedRevision());

        afterRestart.onChange((old, now) -> changes.add(now));
        ReportedConfig redelivered = applier.apply(desired(7, 300, 15, "en"));
        assertTrue(redelivered.applied());
        assertEquals(List.of(), changes, "the retained config re-delivered on connect is not applied again");

        // The fleet's next revision is its whole wish again, with the one change in it.
        applier.apply(desired(8, 45, 15, "en"));
        assertEquals(kiosk(45, 15, "en"), afterRestart.current());
    }

    @Test
    void aSettingTheFleetClearsGoesBackToTheDevicesDefault() {
        LiveSettings live = cliDefaults();
        DesiredConfigApplier applier = new DesiredConfigApplier(data, live);
        applier.apply(new DesiredConfig(1, 1, new DeviceSettings(null, null, "en", 35, null, "22:00", "07:00", null, null,
                "2580", "IT 70 12 34 56")));
        assertEquals("22:00", live.current().nightStart());
        assertEquals("2580", live.current().servicePin());
        // Revision 2: night hours and the PIN cleared, the rest as before.
        ReportedConfig r = applier.apply(new DesiredConfig(1, 2, new DeviceSettings(null, null, "en", 35, null, null, null,
                null, null, null, "IT 70 12 34 56")));
        assertTrue(r.applied());
        assertNull(live.current().nightStart(), "no night any more");
        assertNull(live.current().nightEnd());
        assertNull(live.current().servicePin(), "the service screen opens without a PIN again");
        assertEquals(35, live.current().volumePercent());
        assertEquals(kiosk(60, 10, "en").withChanges(new DeviceSettings(null, null, null, 35, null, null, null, null, null,
                null, "IT 70 12 34 56")), r.settings(), "and the device reports that");
    }

    @Test
    void invalidSettingsAreRefusedWithAReasonAndChangeNothing() {
        LiveSettings live = cliDefaults();
        DesiredConfigApplier applier = new DesiredConfigApplier(data, live);
        ReportedConfig r = applier.apply(desired(9, 1, null, "sv"));
        assertFalse(r.applied());
        assertTrue(r.error().contains("statusIntervalS"), r.error());
        assertEquals(kiosk(60, 10, "da"), live.current());
        assertEquals(Optional.empty(), applier.appliedRevision());
        assertEquals(List.of(), changes);
    }

    @Test
    void unchangedSettingsDoNotDisturbTheTimers() {
        LiveSettings live = cliDefaults();
        new DesiredConfigApplier(data, live).apply(desired(2, 60, 10, "da"));
        assertEquals(List.of(), changes);
    }

    @Test
    void kioskSettingsApplyLiveSurviveARestartAndBadOnesAreRefusedByName() {
        LiveSettings live = cliDefaults();
        DeviceSettings wanted = new DeviceSettings(null, null, "en", 35, 70, "22:30", "06:45", 5, AnswerPolicy.RING, "2580",
                "IT-support: 70 12 34 56");
        ReportedConfig r = new DesiredConfigApplier(data, live).apply(new DesiredConfig(1, 9, wanted));
        assertTrue(r.applied());
        assertEquals(35, live.current().volumePercent());
        assertEquals("22:30", live.current().nightStart());
        assertEquals(AnswerPolicy.RING, live.current().answerPolicy());
        assertEquals(60, live.current().statusIntervalS(), "what was not sent is kept");
        assertEquals(live.current(), r.settings(), "the report says what is in force");

        LiveSettings afterRestart = new LiveSettings(60, 10, "da");
        new DesiredConfigApplier(data, afterRestart);
        assertEquals(live.current(), afterRestart.current(), "every kiosk setting is restored after a restart");

        ReportedConfig bad = new DesiredConfigApplier(data, afterRestart).apply(new DesiredConfig(1, 10,
                new DeviceSettings(null, null, null, null, null, "25:00", null, null, null, null, null)));
        assertFalse(bad.applied());
        assertTrue(bad.error().contains("settings.nightStart"), bad.error());
        assertEquals("22:30", afterRestart.current().nightStart(), "a refused config changes nothing");
    }
}
