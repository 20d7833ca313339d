package dk.bostotte.fleet.calls;

import dk.bostotte.fleet.accounts.Account;

/** One open console (a browser tab's call WebSocket) of a signed-in account. */
public interface ConsolePeer {

    Account account();

    /** Sends without blocking; a closed peer drops the event. */
    void send(ConsoleEvent event);
}
