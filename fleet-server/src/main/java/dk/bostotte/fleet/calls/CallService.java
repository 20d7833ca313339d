package dk.bostotte.fleet.calls;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.citizens.Citizen;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.config.CallConfig;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.fleet.tasks.BackgroundThread;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.DeviceCallSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call state machine: ringing → connecting → connected → ended, or declined, missed (ring
 * timeout), busy, locked (by IT support), unreachable (device offline, said at once) and failed (with the reason). It relays
 * signalling between a console's WebSocket and the device's MQTT channels; media never passes here.
 * All state lives on one thread, so transitions are never interleaved; every transition is stored
 * and audited, and every final state tells both sides, so both return to idle.
 */
public final class CallService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(2);
    private static final int MAX_RESENDS = 3;

    private final CallConfig config;
    private final FleetBroker broker;
    private final MessageCodec codec;
    private final PresenceService presence;
    private final CitizenRegistry citizens;
    private final AccountService accounts;
    private final CallStore store;
    private final AuditLog audit;
    private final IceServers iceServers;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService thread = BackgroundThread.named("calls");
    private final Map<UUID, Call> calls = new HashMap<>();
    private final Map<DeviceId, Call> byDevice = new HashMap<>();
    /** Open consoles per account id; read from WebSocket threads, changed on the call thread. */
    private final Map<Long, Set<ConsolePeer>> consoles = new ConcurrentHashMap<>();

    public CallService(CallConfig config, FleetBroker broker, MessageCodec codec, PresenceService presence,
                       CitizenRegistry citizens, AccountService accounts, CallStore store, AuditLog audit,
                       FleetMetrics metrics, Clock clock) {
        this.config = config;
        this.broker = broker;
        this.codec = codec;
        this.presence = presence;
        this.citizens = citizens;
        this.accounts = accounts;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.iceServers = new IceServers(config, clock);
        presence.onOffline(device -> run(() -> deviceWentOffline(device)));
    }

    // ------------------------------------------------------------------ entry points (any thread)

    public void consoleOpened(ConsolePeer peer) {
        run(() -> consoles.computeIfAbsent(peer.account().id(), k -> ConcurrentHashMap.newKeySet()).add(peer));
    }

    public void consoleClosed(ConsolePeer peer) {
        run(() -> {
            Set<ConsolePeer> open = consoles.get(peer.account().id());
            if (open != null) {
                open.remove(peer);
            }
            for (Call call : List.copyOf(calls.values())) {
                if (call.peer == peer) {
                    finish(call, CallState.ENDED, "the worker's console closed", peer.account().username());
                } else if (call.ringing.remove(peer) && call.ringing.isEmpty() && call.peer == null) {
                    finish(call, CallState.MISSED, "no one picked up", "system");
                }
            }
        });
    }

    public void fromConsole(ConsolePeer peer, ConsoleRequest r) {
        run(() -> handleConsole(peer, r));
    }

    /** A signal the device published on {@code call/device}, already decoded and validated. */
    public void fromDevice(DeviceId device, DeviceCallSignal s) {
        run(() -> handleDevice(device, s));
    }

    /** The call with this id, as stored (for the API). */
    public Optional<CallStore.CallView> find(UUID id) {
        return store.find(id);
    }

    private void run(Runnable work) {
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("call handling failed", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // The server is stopping: devices and consoles dropping off as it does need no handling.
            log.debug("call event after close, not handled");
        }
    }

    // ------------------------------------------------------------------ console side

    private void handleConsole(ConsolePeer peer, ConsoleRequest r) {
        String type = r.type() == null ? "" : r.type();
        if (type.equals("call")) {
            startCall(peer, r.deviceId(), r.appointmentId());
            return;
        }
        Call call = r.callId() == null ? null : parseId(r.callId()).map(calls::get).orElse(null);
        if (call == null) {
            peer.send(ConsoleEvent.error(r.callId(), "no such call in progress"));
            return;
        }
        boolean mine = call.peer == peer;
        switch (type) {
            case "accept" -> acceptFromConsole(peer, call);
            case "decline" -> {
                if (call.ringing.remove(peer) && call.ringing.isEmpty() && call.peer == null) {
                    finish(call, CallState.DECLINED, "declined by " + peer.account().displayName(),
                            peer.account().username());
                    peer.send(ConsoleEvent.state(call));
                }
            }
            case "answer" -> {
                if (mine && r.sdp() != null) {
                    toDevice(call, CallSignal.answer(call.id.toString(), clock.instant(), r.sdp()));
                }
            }
            case "ice" -> {
                if (mine && r.candidate() != null && r.sdpMLineIndex() != null) {
                    toDevice(call, CallSignal.ice(call.id.toString(), clock.instant(), r.candidate(), r.sdpMLineIndex()));
                }
            }
            case "connected" -> {
                if (mine) {
                    connected(call);
                }
            }
            case "stats" -> {
                if (mine && r.stats() != null) {
                    call.quality.add("browser", browserStats(r.stats()));
                }
            }
            case "failed" -> {
                if (mine) {
                    finish(call, CallState.FAILED, "browser: " + Optional.ofNullable(r.reason()).orElse("media failed"),
                            peer.account().username());
                }
            }
            case "hangup" -> {
                if (mine) {
                    finish(call, CallState.ENDED, call.state == CallState.RINGING ? "cancelled by the worker"
                            : "the worker hung up", peer.account().username());
                }
            }
            default -> peer.send(ConsoleEvent.error(r.callId(), "unknown request type '" + type + "'"));
        }
        if (!mine && !type.equals("accept") && !type.equals("decline")) {
            log.debug("ignoring {} from a console that is not in call {}", type, call.id);
        }
    }

    private void startCall(ConsolePeer peer, String deviceText, Long appointmentId) {
        Account caller = peer.account();
        Optional<DeviceId> parsed = deviceText == null ? Optional.empty() : DeviceId.parse(deviceText);
        if (parsed.isEmpty()) {
            peer.send(ConsoleEvent.error(null, "'" + deviceText + "' is not a device id"));
            return;
        }
        DeviceId device = parsed.get();
        Citizen citizen = citizens.byDevice(device).orElse(null);
        boolean allowed = caller.role() == Role.ADMIN
                || (caller.role() == Role.STAFF && citizen != null && Long.valueOf(caller.id()).equals(citizen.assignedAccountId()));
        if (!allowed) {
            audit.record(caller.username(), "call.refused", device.value(), Map.of("reason", "not assigned"));
            metrics.callRefused();
            peer.send(ConsoleEvent.error(null, "you may only call devices loaned to citizens assigned to you"));
            return;
        }
        if (calls.values().stream().anyMatch(c -> c.peer == peer)) {
            peer.send(ConsoleEvent.error(null, "this console is already in a call"));
            return;
        }
        Call call = new Call(UUID.randomUUID(), device, citizen, Call.Direction.TO_DEVICE, clock.instant());
        call.worker = caller;
        call.peer = peer;
        call.appointmentId = appointmentId;
        calls.put(call.id, call);
        store.insert(call);
        // Audited as ringing only once it rings: an offline or busy device is never rung.
        if (!presence.isOnline(device)) {
            finish(call, CallState.UNREACHABLE, "the device is offline", caller.username());
            return;
        }
        Call other = byDevice.get(device);
        if (other != null) {
            finish(call, CallState.BUSY, "the device is already in a call", caller.username());
            return;
        }
        audit.record(caller.username(), "call.ringing", device.value(), Map.of("callId", call.id.toString()));
        byDevice.put(device, call);
        peer.send(ConsoleEvent.state(call));
        Integer autoAnswer = citizen == null ? null : citizen.autoAnswerFor(caller.id());
        CallSignal ring = CallSignal.ring(call.id.toString(), clock.instant(), caller.displayName(), autoAnswer,
                iceServers.forParticipant(device.value())).withIceTransportPolicy(config.icePolicy());
        toDevice(call, ring);
        resendUntilAcknowledged(call, ring, 1);
        armTimer(call, config.ringTimeout(), CallState.RINGING, CallState.MISSED,
                "no answer after " + config.ringTimeout().toSeconds() + " s");
    }

    private void acceptFromConsole(ConsolePeer peer, Call call) {
        if (call.direction != Call.Direction.FROM_DEVICE || call.state != CallState.RINGING || !call.ringing.contains(peer)) {
            peer.send(ConsoleEvent.error(call.id.toString(), "this call can no longer be answered"));
            return;
        }
        call.peer = peer;
        call.worker = peer.account();
        for (ConsolePeer other : call.ringing) {
            if (other != peer) {
                other.send(new ConsoleEvent("state", call.id.toString(), CallState.ENDED, "answered by "
                        + peer.account().displayName(), call.device.value(), call.citizenName(), call.direction.wire(),
                        null, null, null, null, null));
            }
        }
        call.ringing.clear();
        CallSignal accepted = CallSignal.accepted(call.id.toString(), clock.instant(), peer.account().displayName(),
                iceServers.forParticipant(call.device.value())).withIceTransportPolicy(config.icePolicy());
        toDevice(call, accepted);
        answered(call, peer.account().username());
        resendUntilAcknowledged(call, accepted, 1);
    }

    // ------------------------------------------------------------------ device side

    private void handleDevice(DeviceId device, DeviceCallSignal s) {
        if (s.type() == DeviceCallSignal.Type.REQUEST) {
            requestFromDevice(device, s.callId());
            return;
        }
        Call call = parseId(s.callId()).map(calls::get).filter(c -> c.device.equals(device)).orElse(null);
        if (call == null) {
            log.debug("device {} sent {} for call {}, which is not in progress", device, s.type(), s.callId());
            if (s.type() != DeviceCallSignal.Type.HANGUP && s.type() != DeviceCallSignal.Type.FAILED
                    && s.type() != DeviceCallSignal.Type.STATS) {
                // The device thinks a call is on that the server has ended: tell it so it returns to idle.
                broker.publish(device, Channel.CALL, codec.encode(CallSignal.hangup(s.callId(), clock.instant(),
                        "no such call")));
            }
            return;
        }
        String actor = "device:" + device.value();
        switch (s.type()) {
            case RINGING -> call.acknowledged = true;
            case ACCEPT -> {
                if (call.state == CallState.RINGING && call.direction == Call.Direction.TO_DEVICE) {
                    answered(call, actor);
                }
            }
            case DECLINE -> finish(call, CallState.DECLINED, "the citizen declined", actor);
            case BUSY -> finish(call, CallState.BUSY, "the device is already in a call", actor);
            case LOCKED -> finish(call, CallState.LOCKED, "the device is locked by IT support", actor);
            case OFFER -> {
                call.acknowledged = true;
                if (call.peer != null) {
                    call.peer.send(ConsoleEvent.offer(call, s.sdp(), iceServers.forParticipant(call.worker.username()),
                            config.icePolicy()));
                }
            }
            case ICE -> {
                if (call.peer != null) {
                    call.peer.send(ConsoleEvent.ice(call, s.candidate(), s.sdpMLineIndex()));
                }
            }
            case CONNECTED -> connected(call);
            case STATS -> call.quality.add("device", s.stats());
            case HANGUP -> finish(call, CallState.ENDED, Optional.ofNullable(s.reason()).orElse("the citizen hung up"), actor);
            case FAILED -> finish(call, CallState.FAILED, "device: " + Optional.ofNullable(s.reason()).orElse("media failed"),
                    actor);
            default -> log.debug("ignoring {} from {}", s.type(), device);
        }
    }

    private void requestFromDevice(DeviceId device, String callId) {
        String actor = "device:" + device.value();
        Optional<UUID> id = parseId(callId);
        if (id.isEmpty() || calls.containsKey(id.get())) {
            broker.publish(device, Channel.CALL, codec.encode(CallSignal.hangup(callId, clock.instant(),
                    "the call id must be a new UUID")));
            return;
        }
        Citizen citizen = citizens.byDevice(device).orElse(null);
        Call call = new Call(id.get(), device, citizen, Call.Direction.FROM_DEVICE, clock.instant());
        calls.put(call.id, call);
        store.insert(call);
        audit.record(actor, "call.ringing", device.value(), Map.of("callId", call.id.toString()));
        if (byDevice.containsKey(device)) {
            finish(call, CallState.BUSY, "the device is already in a call", actor);
            return;
        }
        if (citizen == null || citizen.assignedAccountId() == null) {
            finish(call, CallState.UNREACHABLE, "no support worker is assigned to this device", actor);
            return;
        }
        List<ConsolePeer> targets = openConsoles(citizen.assignedAccountId());
        if (targets.isEmpty()) {
            for (long mate : accounts.teamMates(citizen.assignedAccountId())) {
                targets.addAll(openConsoles(mate));
            }
        }
        if (targets.isEmpty()) {
            finish(call, CallState.UNREACHABLE, "no one from the support team is available now", actor);
            return;
        }
        byDevice.put(device, call);
        call.ringing.addAll(targets);
        targets.forEach(p -> p.send(ConsoleEvent.incoming(call)));
        armTimer(call, config.ringTimeout(), CallState.RINGING, CallState.MISSED,
                "no one picked up within " + config.ringTimeout().toSeconds() + " s");
    }

    private List<ConsolePeer> openConsoles(long accountId) {
        return new ArrayList<>(consoles.getOrDefault(accountId, Set.of()));
    }

    private void deviceWentOffline(DeviceId device) {
        Call call = byDevice.get(device);
        if (call != null) {
            finish(call, CallState.FAILED, "the device went offline", "system");
        }
    }

    // ------------------------------------------------------------------ transitions

    private void answered(Call call, String actor) {
        call.state = CallState.CONNECTING;
        call.answeredAt = clock.instant();
        transition(call, actor);
        armTimer(call, config.connectTimeout(), CallState.CONNECTING, CallState.FAILED,
                "media did not connect within " + config.connectTimeout().toSeconds() + " s (ICE)");
    }

    private void connected(Call call) {
        if (call.state != CallState.CONNECTING) {
            return;
        }
        call.cancelTimer();
        call.state = CallState.CONNECTED;
        call.connectedAt = clock.instant();
        transition(call, "system");
    }

    private void finish(Call call, CallState outcome, String reason, String actor) {
        if (call.state.isFinal()) {
            return;
        }
        boolean deviceEngaged = byDevice.get(call.device) == call;
        call.cancelTimer();
        call.state = outcome;
        call.reason = reason;
        call.endedAt = clock.instant();
        calls.remove(call.id);
        if (deviceEngaged) {
            byDevice.remove(call.device);
        }
        transition(call, actor);
        call.ringing.forEach(p -> p.send(ConsoleEvent.state(call)));
        if (deviceEngaged || call.direction == Call.Direction.FROM_DEVICE) {
            toDevice(call, CallSignal.hangup(call.id.toString(), clock.instant(), reason));
        }
        metrics.callEnded(outcome.wire());
        log.info("call {} to {} {}: {}", call.id, call.device, outcome.wire(), reason);
    }

    /** Stores, audits and tells the console the call's new state. */
    private void transition(Call call, String actor) {
        store.update(call);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("callId", call.id.toString());
        if (call.reason != null) {
            detail.put("reason", call.reason);
        }
        audit.record(actor, "call." + call.state.wire(), call.device.value(), detail);
        if (call.peer != null) {
            call.peer.send(ConsoleEvent.state(call));
        }
    }

    /**
     * Sends {@code signal} again until the device answers it (ringing for a ring, its offer for an
     * accept). MQTT QoS 1 delivers, but a device's app can still miss one (seen in tests: a payload
     * that failed to decode); the device treats a repeat of the same call id as the same signal.
     */
    private void resendUntilAcknowledged(Call call, CallSignal signal, int attempt) {
        if (attempt > MAX_RESENDS) {
            return;
        }
        call.acknowledged = false;
        thread.schedule(() -> {
            try {
                if (!call.acknowledged && !call.state.isFinal() && calls.get(call.id) == call) {
                    log.warn("call {}: no answer from {} to {}; sending it again ({})", call.id, call.device,
                            signal.type().wire(), attempt);
                    toDevice(call, signal);
                    resendUntilAcknowledged(call, signal, attempt + 1);
                }
            } catch (RuntimeException e) {
                log.error("call resend failed", e);
            }
        }, RESEND_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void armTimer(Call call, Duration after, CallState expected, CallState outcome, String reason) {
        call.cancelTimer();
        call.timer = thread.schedule(() -> {
            try {
                if (call.state == expected && calls.get(call.id) == call) {
                    finish(call, outcome, reason, "system");
                }
            } catch (RuntimeException e) {
                log.error("call timer failed", e);
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void toDevice(Call call, CallSignal signal) {
        broker.publish(call.device, Channel.CALL, codec.encode(signal)).whenComplete((ok, e) -> {
            if (e != null) {
                log.warn("call {}: {} not delivered to {}: {}", call.id, signal.type().wire(), call.device, e.toString());
            }
        });
    }

    private static Optional<UUID> parseId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CallStats browserStats(Map<String, Double> m) {
        Double w = m.get("width");
        Double h = m.get("height");
        Double frames = m.get("framesDecoded");
        Double audio = m.get("audioBuffersPlayed");
        return new CallStats(m.get("sendKbps"), m.get("recvKbps"), m.get("lossPct"), m.get("jitterMs"), m.get("rttMs"),
                w == null ? null : w.intValue(), h == null ? null : h.intValue(), m.get("fps"),
                frames == null ? null : frames.longValue(), audio == null ? null : audio.longValue(), null);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
