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
 * after login. Activity is written at most once a minute, not on every request.
 */
public final class SessionStore {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    public SessionStore(Jdbi jdbi, Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
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
        handle.createUpdate("DELETE FROM sessions WHERE user_id = :userId AND (last_seen_at < :idle OR created_at < :absolute)")
                .bind("userId", user.id()).bind("idle", now.minus(idleTimeout))
                .bind("absolute", now.minus(absoluteTimeout)).execute();
        handle.createUpdate("""
                        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, client_address)
                        VALUES (:hash, :userId, :csrf, :now, :now, :address)
                        """)
                .bind("hash", hash).bind("userId", user.id()).bind("csrf", csrf).bind("now", now)
                .bind("address", clientAddress).execute();
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
        String sql = "SELECT " + UserDao.COLUMNS
                + ", s.id_hash, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at"
                + (tenantId == null ? "" : MembershipDao.JOINED_COLUMNS)
                + " FROM sessions s JOIN users u ON u.id = s.user_id"
                + (tenantId == null ? "" : MembershipDao.JOIN_ONE_TENANT)
                + " WHERE s.id_hash = :hash";
        Optional<Session.Found> found = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("hash", hash);
            if (tenantId != null) {
                query.bind("tenantId", tenantId);
            }
            return query.map((rs, ctx) -> new Session.Found(
                            new Session(rs.getBytes("id_hash"), UserDao.map(rs), rs.getString("csrf_token"),
                                    rs.getTimestamp("session_created_at").toInstant(),
                                    rs.getTimestamp("last_seen_at").toInstant()),
                            tenantId == null ? Optional.empty() : MembershipDao.mapJoined(rs)))
                    .findOne();
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get().session();
        Instant now = now();
        if (session.lastSeenAt().plus(idleTimeout).isBefore(now) || session.createdAt().plus(absoluteTimeout).isBefore(now)) {
            close(id);
            return Optional.empty();
        }
        if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE id_hash = :hash")
                    .bind("now", now).bind("hash", hash).execute());
        }
        return found;
    }

    public void close(String id) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM sessions WHERE id_hash = :hash")
                .bind("hash", Secrets.sha256(id)).execute());
    }

    /**
     * Replaces a session by a new one of the same user, inside the caller's transaction, and ends
     * every other session of that user (a password change).
     *
     * @return the new session, and how many other live sessions were ended
     */
    public Reissued reissueClosingOthers(Handle handle, Session current, String clientAddress) {
        Instant now = now();
        int others = handle.createUpdate("""
                        DELETE FROM sessions
                         WHERE user_id = :userId AND id_hash <> :current AND last_seen_at >= :idle AND created_at >= :absolute
                        """)
                .bind("userId", current.user().id()).bind("current", current.idHash())
                .bind("idle", now.minus(idleTimeout)).bind("absolute", now.minus(absoluteTimeout)).execute();
        handle.createUpdate("DELETE FROM sessions WHERE id_hash = :current").bind("current", current.idHash()).execute();
        return new Reissued(open(handle, current.user(), clientAddress), others);
    }

    /** A session re-issued under a new id, and how many other sessions of its user were ended. */
    public record Reissued(Opened session, int othersClosed) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
