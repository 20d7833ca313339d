package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;

/**
 * Published by the device on {@code call/device}: its side of call signalling. For a call the
 * device asks for ({@code request}) the device chooses the call id; otherwise it echoes the id of
 * the server's {@code ring}. Which fields a signal needs depends on its {@link Type}.
 */
public record DeviceCallSignal(int v, String callId, Type type, Instant at, String sdp, String candidate,
                               Integer sdpMLineIndex, String reason, CallStats stats) implements ProtocolMessage {

    public enum Type {
        /** The citizen pressed "call my support worker". */
        REQUEST,
        /** The device is ringing (or counting down to auto-answer). */
        RINGING,
        /** The citizen answered. */
        ACCEPT,
        /** The citizen declined. */
        DECLINE,
        /** The device is already in a call. */
        BUSY,
        /** The device refuses the ring: IT support has locked it (a lost or stolen device). */
        LOCKED,
        /** The device's SDP offer. */
        OFFER,
        /** One trickled ICE candidate from the device. */
        ICE,
        /** Media flows both ways. */
        CONNECTED,
        /** Call statistics during the call. */
        STATS,
        /** The citizen hung up (or the device ended the call); {@code reason} says why. */
        HANGUP,
        /** The device could not set up or keep the media; {@code reason} says why. */
        FAILED;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static Type fromWire(String wire) {
            return WireNames.parse(values(), wire, "call signal");
        }
    }

    public static DeviceCallSignal of(String callId, Type type, Instant at) {
        return new DeviceCallSignal(VERSION, callId, type, at, null, null, null, null, null);
    }

    public static DeviceCallSignal withReason(String callId, Type type, Instant at, String reason) {
        return new DeviceCallSignal(VERSION, callId, type, at, null, null, null, reason, null);
    }

    public static DeviceCallSignal offer(String callId, Instant at, String sdp) {
        return new DeviceCallSignal(VERSION, callId, Type.OFFER, at, sdp, null, null, null, null);
    }

    public static DeviceCallSignal ice(String callId, Instant at, String candidate, int sdpMLineIndex) {
        return new DeviceCallSignal(VERSION, callId, Type.ICE, at, null, candidate, sdpMLineIndex, null, null);
    }

    public static DeviceCallSignal stats(String callId, Instant at, CallStats stats) {
        return new DeviceCallSignal(VERSION, callId, Type.STATS, at, null, null, null, null, stats);
    }

    @Override
    public void check(Checks c) {
        c.required("callId", callId).text("callId", callId, 1, 64).required("type", type).required("at", at)
                .text("sdp", sdp, 1, CallSignal.MAX_SDP).text("candidate", candidate, 0, 2000)
                .range("sdpMLineIndex", sdpMLineIndex, 0, 64).text("reason", reason, 0, 500);
        if (stats != null) {
            stats.check(c.nested("stats"));
        }
        if (type == Type.OFFER) {
            c.required("sdp", sdp);
        } else if (type == Type.ICE) {
            c.required("candidate", candidate).required("sdpMLineIndex", sdpMLineIndex);
        } else if (type == Type.STATS) {
            c.required("stats", stats);
        }
    }
}
