package dk.bostotte.fleet.commands;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.fleet.tasks.BackgroundThread;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.Checks;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.ReportedConfig;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote commands: stored when issued (and audited with who issued them), sent at once to an online
 * device, and to an offline one when it comes back. A command is sent again until the device says
 * it has it ({@code received}, which makes it {@code delivered}): a publish can be lost with a
 * connection, and the device ignores an id it has seen. Past its expiry it is {@code expired}.
 */
public final class CommandService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    /** After a connect, give the device time to subscribe before sending what waited for it. */
    static final Duration AFTER_CONNECT = Duration.ofSeconds(2);
    static final Duration RESEND_AFTER = Duration.ofSeconds(20);

    private final CommandStore store;
    private final FleetBroker broker;
    private final PresenceService presence;
    private final MessageCodec codec;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = BackgroundThread.named("commands");

    private final DeviceRegistry registry;

    public CommandService(CommandStore store, FleetBroker broker, PresenceService presence, DeviceRegistry registry,
                          MessageCodec codec, AuditLog audit, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.broker = broker;
        this.presence = presence;
        this.codec = codec;
        this.audit = audit;
        this.clock = clock;
    }

    public CommandService start(Duration sweepEvery) {
        presence.onOnline(device -> timer.schedule(() -> deliverQueued(device.value(), true),
                AFTER_CONNECT.toMillis(), TimeUnit.MILLISECONDS));
        timer.scheduleWithFixedDelay(this::sweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stores and audits the command, then sends it if the device is online. Blocking. */
    public CommandView issue(DeviceId device, CommandRequest request, String who) {
        Instant now = clock.instant();
        if (request.commandType() == CommandType.SET_CONFIG) {
            return pushConfig(device, request, who, now);
        }
        CommandView c = store.insert(UUID.randomUUID(), device.value(), request.commandType().wire(), request.paramsOrEmpty(),
                who, now, now.plus(request.expiry()));
        issued(c, who);
        if (presence.isOnline(device)) {
            send(c);
        }
        return c;
    }

    private void issued(CommandView c, String who) {
        audit.record(who, "command.issue", c.deviceId(), Map.of("command", c.id(), "type", c.type(), "params", c.params()));
        log.info("command {} ({}) for {} issued by {}", c.id(), c.type(), c.deviceId(), who);
    }

    /** The settings a set-config command may change: every field of the protocol's DeviceSettings, by its wire name. */
    static final Map<String, Class<?>> SETTINGS = Arrays.stream(DeviceSettings.class.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName,
                    RecordComponent::getType, (a, b) -> a, TreeMap::new));

    /**
     * The settings in a set-config command's params, typed and checked as the device will check
     * them; an {@link IllegalArgumentException} names what is wrong. An empty value clears that
     * setting (null here): the device goes back to its own default for it.
     */
    public static Map<String, Object> settingsFrom(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("set-config needs at least one of " + SETTINGS.keySet());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            Class<?> type = SETTINGS.get(p.getKey());
            if (type == null) {
                throw new IllegalArgumentException("unknown setting '" + p.getKey() + "'; settings are " + SETTINGS.keySet());
            }
            String value = p.getValue() == null ? "" : p.getValue().trim();
            if (value.isEmpty()) {
                out.put(p.getKey(), null);
            } else if (type == Integer.class) {
                try {
                    out.put(p.getKey(), Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(p.getKey() + " must be a whole number, not '" + p.getValue() + "'");
                }
            } else if (type == AnswerPolicy.class) {
                out.put(p.getKey(), AnswerPolicy.fromWire(value));
            } else {
                out.put(p.getKey(), value);
            }
        }
        Checks checks = new Checks();
        new DesiredConfig(ProtocolMessage.VERSION, 1, CODEC.mapper().convertValue(out, DeviceSettings.class)).check(checks);
        checks.firstError().ifPresent(e -> {
            throw new IllegalArgumentException(e.message());
        });
        return out;
    }

    private static final MessageCodec CODEC = new MessageCodec();

    /**
     * Settings are not a command the device runs: the fleet publishes a new retained config revision
     * (the device gets it at once, or on its next connect) and the command is done when the device
     * reports that revision applied.
     */
    private CommandView pushConfig(DeviceId device, CommandRequest request, String who, Instant now) {
        Map<String, Object> changes = settingsFrom(request.paramsOrEmpty());
        CommandStore.ConfigPush push = store.insertConfig(UUID.randomUUID(), device.value(), request.paramsOrEmpty(),
                settings -> {
                    // The retained config is the whole of what the fleet wants: a cleared setting leaves it.
                    changes.forEach((key, value) -> {
                        if (value == null) {
                            settings.remove(key);
                        } else {
                            settings.put(key, value);
                        }
                    });
                    return settings;
                }, who, now, now.plus(request.expiry()));
        issued(push.command(), who);
        long revision = push.revision();
        Map<String, Object> settings = push.settings();
        DesiredConfig config = new DesiredConfig(ProtocolMessage.VERSION, revision,
                codec.mapper().convertValue(settings, DeviceSettings.class));
        broker.publish(device, Channel.CONFIG, codec.encode(config)).whenComplete((ok, e) -> {
            if (e != null) {
                log.warn("config revision {} for {} not published: {}", revision, device, e.toString());
            }
        });
        return push.command();
    }

    /** The device said which config revision it runs: finishes the set-config commands it answers. */
    public void configReported(DeviceId device, ReportedConfig reported) {
        timer.execute(() -> {
            try {
                store.configReported(device.value(), reported.revision(), reported.applied(), reported.error(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("config report of {} not matched to commands: {}", device, e.toString());
            }
        });
    }

    /**
     * A device's answer has been stored (by the ingest): act on what it means for the fleet. A lock
     * or unlock the device confirmed changes what the console shows; a confirmed wipe revokes the
     * certificate, so the erased device can never come back with it. Runs on the commands thread.
     */
    public void resultStored(DeviceId device, CommandResult result) {
        if (result.outcome() != CommandResult.Outcome.DONE) {
            return;
        }
        timer.execute(() -> {
            try {
                UUID id = UUID.fromString(result.id());
                store.find(id).filter(c -> c.deviceId().equals(device.value())).ifPresent(c -> {
                    switch (CommandType.fromWire(c.type())) {
                        case LOCK -> registry.setLocked(device, true);
                        case UNLOCK -> registry.setLocked(device, false);
                        case WIPE -> {
                            registry.revoke(device);
                            audit.record("system", "device.revoke", device.value(), Map.of("after", "wipe", "command", c.id()));
                            log.info("device {} wiped; certificate revoked", device);
                            broker.disconnect(device.value(), "wiped");
                        }
                        default -> {
                        }
                    }
                });
            } catch (RuntimeException e) {
                log.warn("acting on the result of command {} failed: {}", result.id(), e.toString());
            }
        });
    }

    /** Expires overdue commands; resends queued ones to online devices that have not confirmed them. */
    void sweep() {
        try {
            Instant now = clock.instant();
            for (CommandView c : store.expire(now)) {
                lastSent.remove(c.id());
                audit.record("system", "command.expire", c.deviceId(), Map.of("command", c.id(), "type", c.type()));
                log.info("command {} ({}) for {} expired", c.id(), c.type(), c.deviceId());
            }
            for (String device : store.devicesWithQueued(now)) {
                deliverQueued(device, false);
            }
        } catch (RuntimeException e) {
            log.warn("command sweep failed, will retry: {}", e.toString());
        }
    }

    private void deliverQueued(String device, boolean justConnected) {
        try {
            DeviceId id = DeviceId.parse(device).orElseThrow();
            if (!presence.isOnline(id)) {
                return;
            }
            Instant now = clock.instant();
            for (CommandView c : store.queued(device, now)) {
                Instant sent = lastSent.get(c.id());
                if (justConnected || sent == null || !now.isBefore(sent.plus(RESEND_AFTER))) {
                    send(c);
                }
            }
        } catch (RuntimeException e) {
            log.warn("sending queued commands to {} failed, will retry: {}", device, e.toString());
        }
    }

    private void send(CommandView c) {
        lastSent.put(c.id(), clock.instant());
        Command wire = new Command(ProtocolMessage.VERSION, c.id(), CommandType.fromWire(c.type()),
                c.issuedAt(), c.expiresAt(), c.params().isEmpty() ? null : c.params());
        broker.publish(DeviceId.parse(c.deviceId()).orElseThrow(), Channel.COMMAND, codec.encode(wire))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        log.warn("command {} not sent to {}: {}", c.id(), c.deviceId(), e.toString());
                    }
                });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
