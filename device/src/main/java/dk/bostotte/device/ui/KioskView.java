package dk.bostotte.device.ui;

import dk.bostotte.protocol.message.KioskInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Everything one kiosk screen shows, at one moment: the model computes it, the screens draw it.
 * Fields a screen does not use are null (or false).
 */
public record KioskView(
        Screen screen,
        Instant now,
        ZoneId zone,
        Locale locale,
        String deviceId,
        LineWords line,
        String workerName,
        KioskInfo.Appointment nextVisit,
        boolean visitSoon,
        String missedCallFrom,
        Instant missedCallAt,
        String other,
        Integer autoAnswerInS,
        Ending ending,
        Duration callLength,
        boolean muted,
        boolean cameraOff,
        boolean audioOnly,
        String lockMessage,
        String supportContact,
        int pinDigits,
        boolean pinWrong,
        List<ServiceRow> service,
        boolean night) {

    /**
     * This view without what moves by the second: the clock only to the minute, whether a countdown
     * runs but not its value, and not the call's length. Two views with equal steady views show the
     * same screen.
     */
    public KioskView steady() {
        return new KioskView(screen, Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60), zone, locale, deviceId, line,
                workerName, nextVisit, visitSoon, missedCallFrom, missedCallAt, other, autoAnswerInS == null ? null : 0,
                ending, null, muted, cameraOff, audioOnly, lockMessage, supportContact, pinDigits, pinWrong, service, night);
    }

    /** The screens of the kiosk, in the words of the issue that asked for them. */
    public enum Screen { IDLE, INCOMING, OUTGOING, CONNECTING, IN_CALL, ENDED, NO_CONNECTION, LOCKED, SERVICE_PIN, SERVICE,
        /** No config bundle (never enrolled, or wiped by IT support): nothing works until IT support sets it up. */
        NOT_SET_UP }

    /** The connection indicator, in words a citizen understands. */
    public enum LineWords { GOOD, AUDIO_ONLY, WEAK, CONNECTED, CONNECTING, NONE }

    /** How the last call ended, as the ended screen says it. */
    public enum Ending { ENDED, NOT_ANSWERED, FAILED }

    /** One line of the hidden service screen: a label key and its value. */
    public record ServiceRow(String labelKey, String value) {
    }
}
