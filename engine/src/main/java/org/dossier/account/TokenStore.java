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
    private final AccessCache cache;

    public TokenStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, AccessCache.none());
    }

    /** Tokens found again within the cache's window are not read again (see {@link AccessCache}). */
    public TokenStore(Jdbi jdbi, Clock clock, AccessCache cache) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cache = cache;
    }

    /** A token just made: {@code secret} is shown to its owner once and never again. */
    public record Issued(String secret, ApiToken token) {}

    /** The user a bearer token acts for, the token, and the user's membership in the request's tenant if one was asked. */
    public record Bearer(User user, ApiToken token, Optional<Membership> membership) {}

    public Issued issue(Handle handle, long userId, String name, String kind, Duration lifetime) {
        String secret = PREFIX + Secrets.token(32);
        Instant now = now();
        Instant expires = lifetime == null ? null : now.plus(lifetime);
        long id = new TokenDao(handle).insert(userId, name, kind, Secrets.sha256(secret), now, expires);
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
        byte[] hash = Secrets.sha256(secret);
        // A kept token is answered only while it is live and its last use is recorded within the minute.
        return cache.find("token", hash, tenantId, Bearer.class, kept -> {
            Instant now = now();
            return kept.token().activeAt(now) && !touchDue(kept.token(), now);
        }, () -> read(hash, tenantId));
    }

    private Optional<Bearer> read(byte[] hash, TenantId tenantId) {
        Instant now = now();
        Optional<Bearer> found = jdbi.withHandle(handle -> new TokenDao(handle).find(hash, tenantId))
                .filter(bearer -> bearer.token().activeAt(now));
        // "Last used" is precise to a minute: a read writes the row only when the last recorded use
        // is older than that, so most reads of a busy token make no write at all. Its revocation
        // and expiry are read here, or kept at most the cache's window (see AccessCache).
        if (found.isPresent() && touchDue(found.get().token(), now)) {
            jdbi.useHandle(handle -> new TokenDao(handle).touch(found.get().token().id(), now, now.minus(TOUCH_EVERY)));
            ApiToken token = found.get().token();
            return Optional.of(new Bearer(found.get().user(), new ApiToken(token.id(), token.name(), token.kind(),
                    token.createdAt(), token.expiresAt(), now, token.revokedAt()), found.get().membership()));
        }
        return found;
    }

    private static boolean touchDue(ApiToken token, Instant now) {
        return token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(TOUCH_EVERY));
    }

    /** The user's personal tokens, newest first; short-lived login tokens are not listed. */
    public List<ApiToken> personalTokens(long userId) {
        return jdbi.withHandle(handle -> new TokenDao(handle).listOfKind(userId, PERSONAL));
    }

    /** Revokes one of the user's own tokens. @return false when the user has no such live token */
    public boolean revoke(Handle handle, long userId, long tokenId) {
        return new TokenDao(handle).revoke(userId, tokenId, now());
    }

    /**
     * Revokes every live token of one kind of a user, inside the caller's transaction (a password
     * change). Expired tokens are left as they are, so their owner still sees them as expired.
     *
     * @return how many were revoked
     */
    public int revokeAll(Handle handle, long userId, String kind) {
        return new TokenDao(handle).revokeAllLive(userId, kind, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
