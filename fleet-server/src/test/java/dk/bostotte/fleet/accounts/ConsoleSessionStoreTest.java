package dk.bostotte.fleet.accounts;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.CONSOLE_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dk.bostotte.fleet.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's sessions in PostgreSQL: a restarted server (a new store on the same database) still knows them. */
class ConsoleSessionStoreTest {

    private static final long EIGHT_HOURS = 8L * 3600 * 1000;

    private final Vertx vertx = Vertx.vertx();
    private DSLContext dsl;
    private ConsoleSessionStore store;
    private Account hanne;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        long id = dsl.insertInto(ACCOUNT).set(ACCOUNT.USERNAME, "hanne").set(ACCOUNT.DISPLAY_NAME, "Hanne Hansen")
                .set(ACCOUNT.ROLE, "staff").set(ACCOUNT.PASSWORD_HASH, "not-a-hash").returning(ACCOUNT.ID).fetchOne(ACCOUNT.ID);
        hanne = new Account(id, "hanne", "Hanne Hansen", Role.STAFF);
        store = new ConsoleSessionStore(dsl).start(vertx);
    }

    @AfterEach
    void tearDown() {
        store.close();
        vertx.close().await();
    }

    private Session signedIn(ConsoleSessionStore in, long timeout) throws Exception {
        Session session = in.createSession(timeout, 16);
        session.put(ApiSecurity.ACCOUNT, hanne.toJson());
        session.put(ApiSecurity.CSRF, "token-1");
        in.put(session).await();
        in.awaitWrites();
        return session;
    }

    @Test
    void aSignedInSessionOutlivesARestart() throws Exception {
        Session session = signedIn(store, EIGHT_HOURS);
        assertEquals(hanne.id(), dsl.select(CONSOLE_SESSION.ACCOUNT_ID).from(CONSOLE_SESSION).fetchOne(CONSOLE_SESSION.ACCOUNT_ID));
        store.close();

        ConsoleSessionStore restarted = new ConsoleSessionStore(dsl).start(vertx);
        try {
            Session again = restarted.get(session.id()).await();
            assertNotNull(again, "the session is read back from the database");
            assertEquals(hanne, ApiSecurity.sessionAccount(again));
            assertEquals("token-1", again.get(ApiSecurity.CSRF));
            assertNull(restarted.get("0123456789abcdef0123456789abcdef").await(), "an unknown id is no session");
        } finally {
            restarted.close();
        }
    }

    @Test
    void anEndedSessionIsGoneAfterARestartToo() throws Exception {
        Session session = signedIn(store, EIGHT_HOURS);
        store.delete(session.id()).await();
        store.awaitWrites();
        assertEquals(0, dsl.fetchCount(CONSOLE_SESSION));
        ConsoleSessionStore restarted = new ConsoleSessionStore(dsl).start(vertx);
        try {
            assertNull(restarted.get(session.id()).await(), "signed out stays signed out");
        } finally {
            restarted.close();
        }
    }

    @Test
    void anExpiredSessionIsNotServedAndTheSweepDeletesItsRow() throws Exception {
        Session session = signedIn(store, 50);
        Thread.sleep(120);
        ConsoleSessionStore restarted = new ConsoleSessionStore(dsl).start(vertx);
        try {
            assertNull(restarted.get(session.id()).await(), "expired in the database");
        } finally {
            restarted.close();
        }
        assertNull(store.get(session.id()).await(), "expired in memory");
        Session live = signedIn(store, EIGHT_HOURS);
        dsl.update(CONSOLE_SESSION).set(CONSOLE_SESSION.EXPIRES_AT, CONSOLE_SESSION.EXPIRES_AT.minus(1))
                .where(CONSOLE_SESSION.ID.ne(live.id())).execute();
        store.sweep();
        assertEquals(1, dsl.fetchCount(CONSOLE_SESSION), "only the live session's row is left");
    }

    @Test
    void aSessionWithNothingInItIsNotWritten() throws Exception {
        Session anonymous = store.createSession(EIGHT_HOURS, 16);
        store.put(anonymous).await();
        store.awaitWrites();
        assertEquals(0, dsl.fetchCount(CONSOLE_SESSION), "a request that never signed in leaves no row");
        assertNotNull(store.get(anonymous.id()).await(), "but this server still knows it");
    }
}
