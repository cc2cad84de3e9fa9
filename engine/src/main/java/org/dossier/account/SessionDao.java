package org.dossier.account;

import java.time.Instant;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of browser sessions; the table belongs to the platform, not to a tenant.
 *
 * <p>A fluent class over the caller's handle rather than a SqlObject interface: the session is
 * looked up on every request, and like the audit insert (see {@link org.dossier.audit.AuditEventDao})
 * attaching a SqlObject proxy to each request's handle would cost more than the statement. The
 * lookup is also built: the membership join is there only when a tenant is asked.
 */
final class SessionDao {
    private final Handle handle;

    SessionDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Ends the user's sessions idle since before {@code idle} or opened before {@code absolute}:
     * each leaves its trace in {@code expired_sessions} (see {@link #expire}).
     */
    void deleteExpired(long userId, Instant idle, Instant absolute, Instant now) {
        handle.createUpdate("""
                        INSERT IGNORE INTO expired_sessions (id_hash, user_id, csrf_token, expired_at)
                        SELECT id_hash, user_id, csrf_token, :now FROM sessions
                         WHERE user_id = :userId AND (last_seen_at < :idle OR created_at < :absolute)
                        """)
                .bind("userId", userId).bind("idle", idle).bind("absolute", absolute).bind("now", now).execute();
        handle.createUpdate("DELETE FROM sessions WHERE user_id = :userId AND (last_seen_at < :idle OR created_at < :absolute)")
                .bind("userId", userId).bind("idle", idle).bind("absolute", absolute).execute();
    }

    /**
     * Ends a session that timed out, keeping who held it and its CSRF token in
     * {@code expired_sessions}, and forgets traces older than {@code forgetBefore}.
     */
    void expire(byte[] hash, Instant now, Instant forgetBefore) {
        handle.createUpdate("""
                        INSERT IGNORE INTO expired_sessions (id_hash, user_id, csrf_token, expired_at)
                        SELECT id_hash, user_id, csrf_token, :now FROM sessions WHERE id_hash = :hash
                        """)
                .bind("hash", hash).bind("now", now).execute();
        delete(hash);
        handle.createUpdate("DELETE FROM expired_sessions WHERE expired_at < :before").bind("before", forgetBefore).execute();
    }

    /** Who held the session with this hash, if it expired at or after {@code since}, and its CSRF token. */
    Optional<Session.Expired> findExpired(byte[] hash, Instant since) {
        return handle.createQuery("SELECT " + UserDao.COLUMNS + """
                        , e.csrf_token FROM expired_sessions e JOIN users u ON u.id = e.user_id
                         WHERE e.id_hash = :hash AND e.expired_at >= :since
                        """)
                .bind("hash", hash).bind("since", since)
                .map((rs, ctx) -> new Session.Expired(UserDao.map(rs), rs.getString("csrf_token")))
                .findOne();
    }

    /** Forgets every expired session of the user (a password change: no late post of theirs is kept). */
    void forgetExpired(long userId) {
        handle.createUpdate("DELETE FROM expired_sessions WHERE user_id = :userId").bind("userId", userId).execute();
    }

    void insert(byte[] hash, long userId, String csrf, Instant now, String clientAddress) {
        handle.createUpdate("""
                        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, client_address)
                        VALUES (:hash, :userId, :csrf, :now, :now, :address)
                        """)
                .bind("hash", hash).bind("userId", userId).bind("csrf", csrf).bind("now", now)
                .bind("address", clientAddress).execute();
    }

    /**
     * The session with this hash, live or not, with its user and, when {@code tenantId} is not null,
     * the user's membership in that tenant, in one round trip.
     */
    Optional<Session.Found> find(byte[] hash, TenantId tenantId) {
        String sql = "SELECT " + UserDao.COLUMNS
                + ", s.id_hash, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at"
                + (tenantId == null ? "" : MembershipDao.JOINED_COLUMNS)
                + " FROM sessions s JOIN users u ON u.id = s.user_id"
                + (tenantId == null ? "" : MembershipDao.JOIN_ONE_TENANT)
                + " WHERE s.id_hash = :hash";
        var query = handle.createQuery(sql).bind("hash", hash);
        if (tenantId != null) {
            query.bind("tenantId", tenantId);
        }
        // Mapped by hand: the user and membership columns are shared with the token lookup, and
        // whether a membership is read depends on the query built.
        return query.map((rs, ctx) -> new Session.Found(
                        new Session(rs.getBytes("id_hash"), UserDao.map(rs), rs.getString("csrf_token"),
                                rs.getTimestamp("session_created_at").toInstant(),
                                rs.getTimestamp("last_seen_at").toInstant()),
                        tenantId == null ? Optional.empty() : MembershipDao.mapJoined(rs)))
                .findOne();
    }

    void touch(byte[] hash, Instant now) {
        handle.createUpdate(AccessCache.ACTIVITY + "UPDATE sessions SET last_seen_at = :now WHERE id_hash = :hash")
                .bind("now", now).bind("hash", hash).execute();
    }

    void delete(byte[] hash) {
        handle.createUpdate("DELETE FROM sessions WHERE id_hash = :hash").bind("hash", hash).execute();
    }

    /** Deletes the user's live sessions other than {@code current}. @return how many */
    int deleteOtherLive(long userId, byte[] current, Instant idle, Instant absolute) {
        return handle.createUpdate("""
                        DELETE FROM sessions
                         WHERE user_id = :userId AND id_hash <> :current AND last_seen_at >= :idle AND created_at >= :absolute
                        """)
                .bind("userId", userId).bind("current", current)
                .bind("idle", idle).bind("absolute", absolute).execute();
    }
}
