package org.dossier.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions in the database, so that every app node behind a load balancer knows them.
 * A session ends after {@code idleTimeout} without a request, and in any case {@code absoluteTimeout}
 * after login. Activity is written at most once a minute (or a quarter of the idle timeout, if
 * shorter), not on every request.
 *
 * <p>A session that times out leaves a trace for {@link #EXPIRED_KEPT}: who held it and its CSRF
 * token, so that a form posted after it expired can still be recognised as that person's (see
 * {@link #expired}). Logging out or changing one's password leaves none.
 */
public final class SessionStore {
    /** How long the trace of a timed-out session is kept: a long lunch, an afternoon of meetings. */
    public static final Duration EXPIRED_KEPT = Duration.ofHours(8);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Duration touchEvery;
    private final AccessCache cache;

    public SessionStore(Jdbi jdbi, Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
        this(jdbi, clock, idleTimeout, absoluteTimeout, AccessCache.none());
    }

    /** Sessions found again within the cache's window are not read again (see {@link AccessCache}). */
    public SessionStore(Jdbi jdbi, Clock clock, Duration idleTimeout, Duration absoluteTimeout, AccessCache cache) {
        this.jdbi = jdbi;
        this.cache = cache;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        Duration quarter = idleTimeout.dividedBy(4);
        this.touchEvery = quarter.compareTo(TOUCH_EVERY) < 0 ? quarter : TOUCH_EVERY;
    }

    /** How long a session lasts without a request. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A new session, with the id to put in the cookie. */
    public record Opened(String id, Session session) {}

    public Opened open(User user, String clientAddress) {
        return jdbi.withHandle(handle -> open(handle, user, clientAddress));
    }

    /** Opens a session inside the caller's transaction. */
    public Opened open(Handle handle, User user, String clientAddress) {
        String id = Secrets.token(32);
        String csrf = Secrets.token(32);
        Instant now = now();
        byte[] hash = Secrets.sha256(id);
        SessionDao sessions = new SessionDao(handle);
        sessions.deleteExpired(user.id(), now.minus(idleTimeout), now.minus(absoluteTimeout), now);
        sessions.insert(hash, user.id(), csrf, now, clientAddress);
        return new Opened(id, new Session(hash, user, csrf, now, now));
    }

    /** The live session with this id; an expired one is deleted and not returned. */
    public Optional<Session> find(String id) {
        return find(id, null).map(Session.Found::session);
    }

    /**
     * The live session with this id and, in the same round trip, the user's membership in
     * {@code tenantId} (when not null). An expired session is deleted and not returned.
     */
    public Optional<Session.Found> find(String id, TenantId tenantId) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(id);
        // A kept session is answered only while it is live and its activity is not due to be written.
        return cache.find("session", hash, tenantId, Session.Found.class, kept -> {
            Instant now = now();
            return !expired(kept.session(), now) && !touchDue(kept.session(), now);
        }, () -> read(hash, tenantId));
    }

    private Optional<Session.Found> read(byte[] hash, TenantId tenantId) {
        Optional<Session.Found> found = jdbi.withHandle(handle -> new SessionDao(handle).find(hash, tenantId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get().session();
        Instant now = now();
        if (expired(session, now)) {
            jdbi.useTransaction(handle -> new SessionDao(handle).expire(hash, now, now.minus(EXPIRED_KEPT)));
            return Optional.empty();
        }
        if (touchDue(session, now)) {
            jdbi.useHandle(handle -> new SessionDao(handle).touch(hash, now));
            return Optional.of(new Session.Found(new Session(session.idHash(), session.user(), session.csrfToken(),
                    session.createdAt(), now), found.get().membership()));
        }
        return found;
    }

    private boolean touchDue(Session session, Instant now) {
        return session.lastSeenAt().plus(touchEvery).isBefore(now);
    }

    private boolean expired(Session session, Instant now) {
        return session.lastSeenAt().plus(idleTimeout).isBefore(now) || session.createdAt().plus(absoluteTimeout).isBefore(now);
    }

    /**
     * Who held the session with this id if it timed out less than {@link #EXPIRED_KEPT} ago (a
     * session still stored but past its time is ended now). Empty for a live session, one that
     * was logged out, closed by a password change or never existed.
     */
    public Optional<Session.Expired> expired(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(id);
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            SessionDao sessions = new SessionDao(handle);
            Optional<Session.Found> stored = sessions.find(hash, null);
            if (stored.isPresent() && !expired(stored.get().session(), now)) {
                return Optional.empty();
            }
            if (stored.isPresent()) {
                sessions.expire(hash, now, now.minus(EXPIRED_KEPT));
            }
            return sessions.findExpired(hash, now.minus(EXPIRED_KEPT));
        });
    }

    /**
     * Records activity now, whenever the last was: the person asked to stay signed in.
     *
     * @return when the session will end without another request
     */
    public Instant extend(Session session) {
        Instant now = now();
        jdbi.useHandle(handle -> new SessionDao(handle).touch(session.idHash(), now));
        Instant idleEnd = now.plus(idleTimeout);
        Instant absoluteEnd = session.createdAt().plus(absoluteTimeout);
        return idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
    }

    public void close(String id) {
        jdbi.useHandle(handle -> new SessionDao(handle).delete(Secrets.sha256(id)));
    }

    /**
     * Replaces a session by a new one of the same user, inside the caller's transaction, and ends
     * every other session of that user (a password change).
     *
     * @return the new session, and how many other live sessions were ended
     */
    public Reissued reissueClosingOthers(Handle handle, Session current, String clientAddress) {
        Instant now = now();
        SessionDao sessions = new SessionDao(handle);
        int others = sessions.deleteOtherLive(current.user().id(), current.idHash(), now.minus(idleTimeout),
                now.minus(absoluteTimeout));
        sessions.delete(current.idHash());
        sessions.forgetExpired(current.user().id());
        return new Reissued(open(handle, current.user(), clientAddress), others);
    }

    /** A session re-issued under a new id, and how many other sessions of its user were ended. */
    public record Reissued(Opened session, int othersClosed) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
