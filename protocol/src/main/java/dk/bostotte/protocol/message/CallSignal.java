package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Sent by the fleet server on {@code call}: call signalling towards the device. The device always
 * makes the WebRTC offer (see {@link DeviceCallSignal}); the server relays the browser's answer and
 * ICE candidates. Which fields a signal needs depends on its {@link Type}.
 */
public record CallSignal(int v, String callId, Type type, Instant at, String caller, Integer autoAnswerS,
                         List<IceServer> iceServers, String sdp, String candidate, Integer sdpMLineIndex,
                         String reason, IceTransportPolicy iceTransportPolicy) implements ProtocolMessage {

    /** Largest SDP accepted; real offers and answers are 2–8 KB. */
    public static final int MAX_SDP = 32_000;

    public enum Type {
        /** A support worker is calling: ring (or auto-answer after {@code autoAnswerS}). */
        RING,
        /** The worker picked up the call the device asked for: make the offer. */
        ACCEPTED,
        /** The browser's SDP answer to the device's offer. */
        ANSWER,
        /** One trickled ICE candidate from the browser. */
        ICE,
        /** The call is over (or was cancelled before it was answered); {@code reason} says why. */
        HANGUP;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static Type fromWire(String wire) {
            return WireNames.parse(values(), wire, "call signal");
        }
    }

    /**
     * Which ICE candidates a participant may use. {@code RELAY} forces media through the fleet's TURN
     * server: for municipalities whose network policy forbids direct peer-to-peer media, and to hide
     * the citizen's home address from the worker's browser. Absent means {@code ALL}.
     */
    public enum IceTransportPolicy {
        ALL,
        RELAY;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static IceTransportPolicy fromWire(String wire) {
            return WireNames.parse(values(), wire, "ICE transport policy");
        }
    }

    /** This signal with the fleet's ICE transport policy; {@code ALL} is sent as absent (the default). */
    public CallSignal withIceTransportPolicy(IceTransportPolicy policy) {
        IceTransportPolicy sent = policy == IceTransportPolicy.ALL ? null : policy;
        return new CallSignal(v, callId, type, at, caller, autoAnswerS, iceServers, sdp, candidate, sdpMLineIndex,
                reason, sent);
    }

    public IceTransportPolicy icePolicyOrDefault() {
        return iceTransportPolicy == null ? IceTransportPolicy.ALL : iceTransportPolicy;
    }

    public static CallSignal ring(String callId, Instant at, String caller, Integer autoAnswerS, List<IceServer> ice) {
        return new CallSignal(VERSION, callId, Type.RING, at, caller, autoAnswerS, ice, null, null, null, null, null);
    }

    public static CallSignal accepted(String callId, Instant at, String caller, List<IceServer> ice) {
        return new CallSignal(VERSION, callId, Type.ACCEPTED, at, caller, null, ice, null, null, null, null, null);
    }

    public static CallSignal answer(String callId, Instant at, String sdp) {
        return new CallSignal(VERSION, callId, Type.ANSWER, at, null, null, null, sdp, null, null, null, null);
    }

    public static CallSignal ice(String callId, Instant at, String candidate, int sdpMLineIndex) {
        return new CallSignal(VERSION, callId, Type.ICE, at, null, null, null, null, candidate, sdpMLineIndex, null, null);
    }

    public static CallSignal hangup(String callId, Instant at, String reason) {
        return new CallSignal(VERSION, callId, Type.HANGUP, at, null, null, null, null, null, null, reason, null);
    }

    @Override
    public void check(Checks c) {
        c.required("callId", callId).text("callId", callId, 1, 64).required("type", type).required("at", at)
                .text("caller", caller, 1, 200).range("autoAnswerS", autoAnswerS, 0, 120)
                .size("iceServers", iceServers, 0, 8).text("sdp", sdp, 1, MAX_SDP)
                .text("candidate", candidate, 0, 2000).range("sdpMLineIndex", sdpMLineIndex, 0, 64)
                .text("reason", reason, 0, 500);
        if (iceServers != null) {
            for (int i = 0; i < iceServers.size(); i++) {
                Checks n = c.nested("iceServers[" + i + "]");
                IceServer s = iceServers.get(i);
                if (s == null) {
                    c.required("iceServers[" + i + "]", null);
                } else {
                    s.check(n);
                }
            }
        }
        if (type == Type.RING || type == Type.ACCEPTED) {
            c.required("caller", caller);
        } else if (type == Type.ANSWER) {
            c.required("sdp", sdp);
        } else if (type == Type.ICE) {
            c.required("candidate", candidate).required("sdpMLineIndex", sdpMLineIndex);
        }
    }
}
