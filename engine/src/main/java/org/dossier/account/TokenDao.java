package org.dossier.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The SQL of API tokens; the table belongs to the platform, not to a tenant.
 *
 * <p>A fluent class over the caller's handle rather than a SqlObject interface: a bearer token is
 * looked up on every API request, where attaching a SqlObject proxy to the handle would cost more
 * than the statement (as measured for the audit insert, see {@link org.dossier.audit.AuditEventDao}).
 * The lookup is also built: the membership join is there only when a tenant is asked.
 */
public final class TokenDao {
    private final Handle handle;

    TokenDao(Handle handle) {
        this.handle = handle;
    }

    /** @return the new token's id */
    long insert(long userId, String name, String kind, byte[] hash, Instant now, Instant expires) {
        return handle.createUpdate("""
                        INSERT INTO api_tokens (user_id, name, kind, token_hash, created_at, expires_at)
                        VALUES (:userId, :name, :kind, :hash, :now, :expires)
                        """)
                .bind("userId", userId).bind("name", name).bind("kind", kind)
                .bind("hash", hash).bind("now", now).bind("expires", expires)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * The token with this hash, live or not, with its user and, when {@code tenantId} is not null,
     * the user's membership in that tenant, in one round trip.
     */
    Optional<TokenStore.Bearer> find(byte[] hash, TenantId tenantId) {
        String sql = "SELECT " + UserDao.COLUMNS
                + ", t.id AS token_id, t.name, t.kind, t.created_at AS token_created_at, t.expires_at,"
                + " t.last_used_at, t.revoked_at"
                + (tenantId == null ? "" : MembershipDao.JOINED_COLUMNS)
                + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                + (tenantId == null ? "" : MembershipDao.JOIN_ONE_TENANT)
                + " WHERE t.token_hash = :hash";
        var query = handle.createQuery(sql).bind("hash", hash);
        if (tenantId != null) {
            query.bind("tenantId", tenantId);
        }
        // Mapped by hand: the user and membership columns are shared with the session lookup, and
        // whether a membership is read depends on the query built.
        return query.map((rs, ctx) -> new TokenStore.Bearer(UserDao.map(rs), new ApiToken(rs.getLong("token_id"),
                        rs.getString("name"), rs.getString("kind"), rs.getTimestamp("token_created_at").toInstant(),
                        instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")),
                        instant(rs.getTimestamp("revoked_at"))),
                        tenantId == null ? Optional.empty() : MembershipDao.mapJoined(rs)))
                .findOne();
    }

    /**
     * Records a use, unless one was recorded after {@code since}: the condition is in the statement
     * so that concurrent requests of one token, on any node, write its row at most once a window.
     *
     * @return whether the row was written
     */
    boolean touch(long id, Instant now, Instant since) {
        return handle.createUpdate(AccessCache.ACTIVITY + """
                        UPDATE api_tokens SET last_used_at = :now
                         WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :since)
                        """)
                .bind("now", now).bind("id", id).bind("since", since).execute() == 1;
    }

    /** The user's tokens of one kind, newest first. */
    List<ApiToken> listOfKind(long userId, String kind) {
        return handle.createQuery("""
                        SELECT id, name, kind, created_at, expires_at, last_used_at, revoked_at
                          FROM api_tokens
                         WHERE user_id = :userId AND kind = :kind
                         ORDER BY created_at DESC, id DESC
                        """)
                .bind("userId", userId).bind("kind", kind)
                .mapTo(ApiToken.class)
                .list();
    }

    /** @return false when the user has no such live token */
    boolean revoke(long userId, long tokenId, Instant now) {
        return handle.createUpdate("""
                        UPDATE api_tokens SET revoked_at = :now
                         WHERE id = :id AND user_id = :userId AND revoked_at IS NULL
                        """)
                .bind("now", now).bind("id", tokenId).bind("userId", userId).execute() == 1;
    }

    /** Revokes the user's unexpired, unrevoked tokens of one kind. @return how many */
    int revokeAllLive(long userId, String kind, Instant now) {
        return handle.createUpdate("""
                        UPDATE api_tokens SET revoked_at = :now
                         WHERE user_id = :userId AND kind = :kind AND revoked_at IS NULL
                           AND (expires_at IS NULL OR expires_at > :now)
                        """)
                .bind("now", now).bind("userId", userId).bind("kind", kind).execute();
    }

    /** Maps {@link ApiToken} by constructor: {@code created_at} to {@code createdAt}, etc. */
    public static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(ConstructorMapper.factory(ApiToken.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
