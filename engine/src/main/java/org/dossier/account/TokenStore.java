package org.dossier.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens, sent as {@code Authorization: Bearer}. Only a SHA-256 digest is stored: tokens are
 * long random strings, so a slow hash would add nothing but latency. A token acts with the rights
 * of its user, checked on every request like a session's.
 */
public final class TokenStore {
    public static final String PREFIX = "dsr_";
    public static final String PERSONAL = "personal";
    public static final String LOGIN = "login";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;

    public TokenStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A token just made: {@code secret} is shown to its owner once and never again. */
    public record Issued(String secret, ApiToken token) {}

    /** The user a bearer token acts for, the token, and the user's membership in the request's tenant if one was asked. */
    public record Bearer(User user, ApiToken token, Optional<Membership> membership) {}

    public Issued issue(Handle handle, long userId, String name, String kind, Duration lifetime) {
        String secret = PREFIX + Secrets.token(32);
        Instant now = now();
        Instant expires = lifetime == null ? null : now.plus(lifetime);
        long id = handle.createUpdate("""
                        INSERT INTO api_tokens (user_id, name, kind, token_hash, created_at, expires_at)
                        VALUES (:userId, :name, :kind, :hash, :now, :expires)
                        """)
                .bind("userId", userId).bind("name", name).bind("kind", kind)
                .bind("hash", Secrets.sha256(secret)).bind("now", now).bind("expires", expires)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Issued(secret, new ApiToken(id, name, kind, now, expires, null, null));
    }

    public Optional<Bearer> find(String secret) {
        return find(secret, null);
    }

    /** The live token with this secret and, in the same round trip, the user's membership in {@code tenantId}. */
    public Optional<Bearer> find(String secret, TenantId tenantId) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = now();
        String sql = "SELECT " + UserDao.COLUMNS
                + ", t.id AS token_id, t.name, t.kind, t.created_at AS token_created_at, t.expires_at,"
                + " t.last_used_at, t.revoked_at"
                + (tenantId == null ? "" : MembershipDao.JOINED_COLUMNS)
                + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                + (tenantId == null ? "" : MembershipDao.JOIN_ONE_TENANT)
                + " WHERE t.token_hash = :hash";
        Optional<Bearer> found = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("hash", Secrets.sha256(secret));
            if (tenantId != null) {
                query.bind("tenantId", tenantId);
            }
            return query.map((rs, ctx) -> new Bearer(UserDao.map(rs), new ApiToken(rs.getLong("token_id"),
                            rs.getString("name"), rs.getString("kind"), rs.getTimestamp("token_created_at").toInstant(),
                            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")),
                            instant(rs.getTimestamp("revoked_at"))),
                            tenantId == null ? Optional.empty() : MembershipDao.mapJoined(rs)))
                    .findOne()
                    .filter(bearer -> bearer.token().activeAt(now));
        });
        found.filter(bearer -> bearer.token().lastUsedAt() == null
                        || bearer.token().lastUsedAt().plus(TOUCH_EVERY).isBefore(now))
                .ifPresent(bearer -> jdbi.useHandle(handle -> handle.createUpdate(
                                "UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                        .bind("now", now).bind("id", bearer.token().id()).execute()));
        return found;
    }

    /** The user's personal tokens, newest first; short-lived login tokens are not listed. */
    public List<ApiToken> personalTokens(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, name, kind, created_at, expires_at, last_used_at, revoked_at
                          FROM api_tokens
                         WHERE user_id = :userId AND kind = :kind
                         ORDER BY created_at DESC, id DESC
                        """)
                .bind("userId", userId).bind("kind", PERSONAL)
                .map((rs, ctx) -> new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("kind"),
                        rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list());
    }

    /** Revokes one of the user's own tokens. @return false when the user has no such live token */
    public boolean revoke(Handle handle, long userId, long tokenId) {
        return handle.createUpdate("""
                        UPDATE api_tokens SET revoked_at = :now
                         WHERE id = :id AND user_id = :userId AND revoked_at IS NULL
                        """)
                .bind("now", now()).bind("id", tokenId).bind("userId", userId).execute() == 1;
    }

    /**
     * Revokes every live token of one kind of a user, inside the caller's transaction (a password
     * change). Expired tokens are left as they are, so their owner still sees them as expired.
     *
     * @return how many were revoked
     */
    public int revokeAll(Handle handle, long userId, String kind) {
        Instant now = now();
        return handle.createUpdate("""
                        UPDATE api_tokens SET revoked_at = :now
                         WHERE user_id = :userId AND kind = :kind AND revoked_at IS NULL
                           AND (expires_at IS NULL OR expires_at > :now)
                        """)
                .bind("now", now).bind("userId", userId).bind("kind", kind).execute();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
