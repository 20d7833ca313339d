package dk.bostotte.fleet.calls;

import java.util.Map;

/**
 * What a console sends over its call WebSocket: {@code call} a device, {@code accept} or
 * {@code decline} a device's call, the browser's {@code answer} and {@code ice} candidates,
 * {@code connected}, {@code stats}, {@code failed} (with a reason) and {@code hangup}. A {@code call}
 * may name the booked visit ({@code appointmentId}) it was started from.
 */
public record ConsoleRequest(String type, String callId, String deviceId, String sdp, String candidate,
                             Integer sdpMLineIndex, String reason, Map<String, Double> stats, Long appointmentId) {
}
