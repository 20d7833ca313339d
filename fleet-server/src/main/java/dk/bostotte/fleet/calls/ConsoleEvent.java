package dk.bostotte.fleet.calls;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import dk.bostotte.protocol.message.IceServer;
import java.util.List;

/**
 * What the server tells a console over its call WebSocket: {@code state} of a call, an
 * {@code incoming} call from a device, the device's {@code offer} and {@code ice} candidates, or an
 * {@code error} naming what was wrong with the console's last request.
 */
public record ConsoleEvent(String type, String callId, CallState state, String reason, String deviceId,
                           String citizen, String direction, String sdp, String candidate, Integer sdpMLineIndex,
                           List<IceServer> iceServers, String message, String iceTransportPolicy) {

    /** Every event but the offer: no ICE transport policy. */
    ConsoleEvent(String type, String callId, CallState state, String reason, String deviceId, String citizen,
                 String direction, String sdp, String candidate, Integer sdpMLineIndex, List<IceServer> iceServers,
                 String message) {
        this(type, callId, state, reason, deviceId, citizen, direction, sdp, candidate, sdpMLineIndex, iceServers,
                message, null);
    }

    static ConsoleEvent state(Call call) {
        return new ConsoleEvent("state", call.id.toString(), call.state, call.reason, call.device.value(),
                call.citizenName(), call.direction.wire(), null, null, null, null, null);
    }

    static ConsoleEvent incoming(Call call) {
        return new ConsoleEvent("incoming", call.id.toString(), call.state, null, call.device.value(), call.citizenName(),
                call.direction.wire(), null, null, null, null, null);
    }

    /** The device's offer, with the ICE servers and transport policy the browser's peer connection must use. */
    static ConsoleEvent offer(Call call, String sdp, List<IceServer> iceServers, IceTransportPolicy policy) {
        return new ConsoleEvent("offer", call.id.toString(), null, null, call.device.value(), null, null, sdp, null, null,
                iceServers, null, policy.wire());
    }

    static ConsoleEvent ice(Call call, String candidate, Integer sdpMLineIndex) {
        return new ConsoleEvent("ice", call.id.toString(), null, null, null, null, null, null, candidate, sdpMLineIndex,
                null, null);
    }

    static ConsoleEvent error(String callId, String message) {
        return new ConsoleEvent("error", callId, null, null, null, null, null, null, null, null, null, message);
    }
}
