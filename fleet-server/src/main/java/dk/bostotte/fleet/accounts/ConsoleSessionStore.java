package dk.bostotte.fleet.accounts;

import static dk.bostotte.fleet.db.jooq.Tables.CONSOLE_SESSION;

import dk.bostotte.fleet.tasks.BackgroundThread;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's sessions, kept in PostgreSQL ({@code console_session}) so that a restart of the
 * server signs nobody out within their session's lifetime.
 *
 * <p>Memory stays the working copy, as with Vert.x's local store: the session handler writes a
 * session back when a response's headers go out without waiting for the store, so a browser that
 * follows the sign-in redirect at once must find the new session without a database round trip.
 * The database is written behind it, on one thread in the order of the changes (a sign-in's delete
 * of the old id before the put of the new), and read only for a session memory does not hold —
 * after a restart. A session whose data did not change is written at most once a minute to move
 * its expiry on, so a console polling every few seconds does not write a row each time; after a
 * restart it may therefore expire up to that minute early. Expired rows are deleted by a sweep.
 */
public final class ConsoleSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionStore.class);
    /** How stale the stored last access may get before an unchanged session is written again. */
    static final long TOUCH_EVERY_MS = 60_000;
    private static final long SWEEP_EVERY_MS = 60_000;

    private final DSLContext dsl;
    private final Map<String, Held> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = BackgroundThread.named("console-sessions");
    private Vertx vertx;
    private VertxContextPRNG random;

    /** A session as memory holds it, with what the database last got of it. */
    private record Held(SharedDataSessionImpl session, int storedVersion, long storedLastAccessed) {
    }

    public ConsoleSessionStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Ready to serve {@code vertx}'s session handler; sweeps expired sessions every minute. */
    public ConsoleSessionStore start(Vertx vertx) {
        init(vertx, new JsonObject());
        writer.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        this.vertx = vertx;
        this.random = VertxContextPRNG.current(vertx);
        return this;
    }

    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new SharedDataSessionImpl(random, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        Held held = sessions.get(id);
        if (held != null) {
            if (expired(held.session(), System.currentTimeMillis())) {
                forget(id);
                return Future.succeededFuture();
            }
            return Future.succeededFuture(held.session());
        }
        // Not in memory: a session from before a restart, or none at all. Read on the writer's thread,
        // after any write still queued for it.
        return onWriter(() -> load(id)).map(loaded -> {
            if (loaded == null) {
                return null;
            }
            Held mine = sessions.computeIfAbsent(id, k -> new Held(loaded, loaded.version(), loaded.lastAccessed()));
            return mine.session();
        });
    }

    @Override
    public Future<Void> delete(String id) {
        forget(id);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> put(Session session) {
        SharedDataSessionImpl s = (SharedDataSessionImpl) session;
        Held old = sessions.get(s.id());
        // The same rule as Vert.x's local store: a put from a stale copy must not overwrite a newer one.
        if (old != null && old.session() != s && old.session().version() != s.version()) {
            return Future.failedFuture("Version mismatch");
        }
        s.incrementVersion();
        boolean changed = old == null || old.storedVersion() != s.version();
        boolean stale = old == null || s.lastAccessed() - old.storedLastAccessed() >= TOUCH_EVERY_MS;
        if (s.isEmpty() || (!changed && !stale)) {
            // Nothing worth keeping across a restart (no sign-in, no token), or the stored copy is recent enough.
            sessions.put(s.id(), old == null ? new Held(s, -1, 0) : new Held(s, old.storedVersion(), old.storedLastAccessed()));
            return Future.succeededFuture();
        }
        sessions.put(s.id(), new Held(s, s.version(), s.lastAccessed()));
        Buffer data = Buffer.buffer();
        s.writeToBuffer(data);
        Long accountId = accountId(s);
        OffsetDateTime expires = Instant.ofEpochMilli(s.lastAccessed() + s.timeout()).atOffset(ZoneOffset.UTC);
        String id = s.id();
        byte[] bytes = data.getBytes();
        writer.execute(() -> logFailure("store", id, () -> dsl.insertInto(CONSOLE_SESSION)
                .set(CONSOLE_SESSION.ID, id).set(CONSOLE_SESSION.ACCOUNT_ID, accountId)
                .set(CONSOLE_SESSION.DATA, bytes).set(CONSOLE_SESSION.EXPIRES_AT, expires)
                .onConflict(CONSOLE_SESSION.ID).doUpdate()
                .set(CONSOLE_SESSION.ACCOUNT_ID, accountId).set(CONSOLE_SESSION.DATA, bytes)
                .set(CONSOLE_SESSION.EXPIRES_AT, expires).execute()));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> clear() {
        sessions.clear();
        writer.execute(() -> logFailure("clear", "all", () -> dsl.deleteFrom(CONSOLE_SESSION).execute()));
        return Future.succeededFuture();
    }

    @Override
    public Future<Integer> size() {
        return Future.succeededFuture(sessions.size());
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            // Let the writes already queued reach the database, so a clean stop keeps the latest sessions.
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the writes queued so far are in the database (for tests). */
    void awaitWrites() throws Exception {
        writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /** Forgets expired sessions in memory and deletes expired rows. Runs on the writer's thread. */
    void sweep() {
        long now = System.currentTimeMillis();
        sessions.values().removeIf(h -> expired(h.session(), now));
        logFailure("sweep", "expired", () -> dsl.deleteFrom(CONSOLE_SESSION)
                .where(CONSOLE_SESSION.EXPIRES_AT.lt(OffsetDateTime.now(ZoneOffset.UTC))).execute());
    }

    private void forget(String id) {
        sessions.remove(id);
        writer.execute(() -> logFailure("delete", id,
                () -> dsl.deleteFrom(CONSOLE_SESSION).where(CONSOLE_SESSION.ID.eq(id)).execute()));
    }

    private SharedDataSessionImpl load(String id) {
        byte[] data = dsl.select(CONSOLE_SESSION.DATA).from(CONSOLE_SESSION).where(CONSOLE_SESSION.ID.eq(id))
                .and(CONSOLE_SESSION.EXPIRES_AT.gt(OffsetDateTime.now(ZoneOffset.UTC))).fetchOne(CONSOLE_SESSION.DATA);
        if (data == null) {
            return null;
        }
        SharedDataSessionImpl session = new SharedDataSessionImpl(random);
        try {
            session.readFromBuffer(0, Buffer.buffer(data));
        } catch (RuntimeException e) {
            // Written by an older server whose session data this one cannot read: as if it had expired.
            log.warn("could not read stored session: {}", e.toString());
            return null;
        }
        return expired(session, System.currentTimeMillis()) ? null : session;
    }

    /** Runs {@code work} on the writer's thread and completes on the caller's Vert.x context. */
    private <T> Future<T> onWriter(Callable<T> work) {
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        writer.execute(() -> {
            try {
                T result = work.call();
                context.runOnContext(v -> promise.complete(result));
            } catch (Exception e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private static boolean expired(Session s, long now) {
        return now - s.lastAccessed() > s.timeout();
    }

    private static Long accountId(Session s) {
        JsonObject account = s.get(ApiSecurity.ACCOUNT);
        return account == null ? null : account.getLong("id");
    }

    private static void logFailure(String what, String id, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("console session {} {} failed: {}", what, id.length() > 8 ? id.substring(0, 8) + "…" : id, e.toString());
        }
    }
}
