package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;

/** A message on the wire. {@code v} is the schema version; {@link #check} states its rules. */
public interface ProtocolMessage {

    /** The schema version this build writes and reads. */
    int VERSION = 1;

    int v();

    /** Adds this message's field rules to {@code checks}; the codec runs them after parsing. */
    void check(Checks checks);
}
