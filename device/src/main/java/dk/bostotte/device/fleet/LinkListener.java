package dk.bostotte.device.fleet;

import dk.bostotte.protocol.Channel;

/** What the rest of the agent hears from {@link FleetLink}; always called on the agent's executor thread. */
public interface LinkListener {

    /** Connected, birth published and subscriptions requested. */
    void connected();

    /** The connection is gone; {@link FleetLink} is already working on the next one. */
    void disconnected();

    /** A message on one of this device's own server-to-device channels. */
    void messageArrived(Channel channel, byte[] payload);
}
