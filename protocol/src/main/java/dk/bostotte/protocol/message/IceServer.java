package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;
import java.util.List;

/** A STUN or TURN server for a call, as in WebRTC's RTCIceServer; TURN credentials are short-lived. */
public record IceServer(List<String> urls, String username, String credential) {

    public void check(Checks c) {
        c.required("urls", urls).size("urls", urls, 1, 8).text("username", username, 0, 200)
                .text("credential", credential, 0, 200);
        if (urls != null) {
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                c.required("urls[" + i + "]", url).text("urls[" + i + "]", url, 6, 500);
                if (url != null) {
                    c.oneOf("urls[" + i + "]", url.substring(0, Math.max(0, url.indexOf(':'))), "stun", "turn", "turns");
                }
            }
        }
    }
}
