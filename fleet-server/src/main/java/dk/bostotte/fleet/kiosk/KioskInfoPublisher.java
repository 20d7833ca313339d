package dk.bostotte.fleet.kiosk;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_LINE;

import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.citizens.NextVisit;
import dk.bostotte.fleet.tasks.BackgroundThread;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.KioskInfo;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each loaned device's retained {@code kiosk} message true: the citizen's worker and team,
 * the next booked online visits and the line verdict. Changes that matter now (a visit booked, a
 * worker assigned) ask for a device at once; a sweep catches the rest (verdicts move slowly). A
 * device is sent a message only when what it would show differs from what it was last sent.
 */
public final class KioskInfoPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KioskInfoPublisher.class);

    private final DSLContext dsl;
    private final FleetBroker broker;
    private final MessageCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService thread = BackgroundThread.named("kiosk-info");
    /** What each device was last sent, without its timestamp. */
    private final Map<String, KioskInfo> sent = new ConcurrentHashMap<>();

    public KioskInfoPublisher(DSLContext dsl, FleetBroker broker, MessageCodec codec, Clock clock) {
        this.dsl = dsl;
        this.broker = broker;
        this.codec = codec;
        this.clock = clock;
    }

    public KioskInfoPublisher start(Duration every) {
        thread.scheduleWithFixedDelay(this::sweep, 3_000, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Soon, on this publisher's thread: the citizen's device gets what it should show now. */
    public void citizenChanged(long citizenId) {
        thread.execute(() -> guarded(() -> dsl.select(CITIZEN.DEVICE_ID).from(CITIZEN).where(CITIZEN.ID.eq(citizenId))
                .fetchOptional(CITIZEN.DEVICE_ID).filter(Objects::nonNull).ifPresent(this::publishIfChanged)));
    }

    /** Soon: a device that was lent or returned. */
    public void deviceChanged(String deviceId) {
        thread.execute(() -> guarded(() -> publishIfChanged(deviceId)));
    }

    private void sweep() {
        guarded(() -> dsl.select(CITIZEN.DEVICE_ID).from(CITIZEN).where(CITIZEN.DEVICE_ID.isNotNull())
                .fetch(CITIZEN.DEVICE_ID).forEach(this::publishIfChanged));
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("kiosk info not refreshed, will retry on the next sweep: {}", e.toString());
        }
    }

    private void publishIfChanged(String deviceId) {
        Optional<DeviceId> id = DeviceId.parse(deviceId);
        if (id.isEmpty()) {
            return;
        }
        KioskInfo now = compose(deviceId);
        KioskInfo comparable = withoutTime(now);
        if (comparable.equals(sent.get(deviceId))) {
            return;
        }
        broker.publish(id.get(), Channel.KIOSK, codec.encode(now)).whenComplete((ok, e) -> {
            if (e == null) {
                sent.put(deviceId, comparable);
                log.debug("kiosk info for {}: {}", deviceId, now);
            } else {
                log.info("kiosk info for {} not published: {}", deviceId, e.getMessage());
            }
        });
    }

    /** What the device's idle screen should show now. */
    public KioskInfo compose(String deviceId) {
        Instant now = clock.instant();
        var citizen = dsl.select(CITIZEN.ID, CITIZEN.REMINDER_MINUTES, ACCOUNT.DISPLAY_NAME, ACCOUNT.TEAM)
                .from(CITIZEN).leftJoin(ACCOUNT).on(ACCOUNT.ID.eq(CITIZEN.ASSIGNED_ACCOUNT_ID))
                .where(CITIZEN.DEVICE_ID.eq(deviceId)).fetchOne();
        KioskInfo.Line line = dsl.select(DEVICE_LINE.VERDICT).from(DEVICE_LINE).where(DEVICE_LINE.DEVICE_ID.eq(deviceId))
                .fetchOptional(DEVICE_LINE.VERDICT).map(KioskInfoPublisher::line).orElse(KioskInfo.Line.UNKNOWN);
        if (citizen == null) {
            return new KioskInfo(ProtocolMessage.VERSION, now, null, null, line, List.of(), null);
        }
        var worker = ACCOUNT.as("worker");
        // Visits not yet over, soonest first.
        List<KioskInfo.Appointment> visits = dsl.select(APPOINTMENT.ID, APPOINTMENT.STARTS_AT, APPOINTMENT.MINUTES,
                        worker.DISPLAY_NAME)
                .from(APPOINTMENT).join(worker).on(worker.ID.eq(APPOINTMENT.ACCOUNT_ID))
                .where(APPOINTMENT.CITIZEN_ID.eq(citizen.value1()), NextVisit.bookedAndNotOverBy(now))
                .orderBy(APPOINTMENT.STARTS_AT).limit(KioskInfo.MAX_APPOINTMENTS)
                .fetch(r -> new KioskInfo.Appointment(Long.toString(r.value1()), r.value2().toInstant(), r.value3(), r.value4()));
        return new KioskInfo(ProtocolMessage.VERSION, now, citizen.value3(), citizen.value4(), line, visits,
                citizen.value2());
    }

    static KioskInfo.Line line(String verdictWire) {
        try {
            return KioskInfo.Line.fromWire(verdictWire);
        } catch (IllegalArgumentException e) {
            return KioskInfo.Line.UNKNOWN;
        }
    }

    private static KioskInfo withoutTime(KioskInfo i) {
        return new KioskInfo(i.v(), Instant.EPOCH, i.workerName(), i.teamName(), i.line(), i.appointments(), i.reminderMinutes());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
