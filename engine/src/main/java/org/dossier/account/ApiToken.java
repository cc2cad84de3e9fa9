package org.dossier.account;

import java.time.Instant;

/**
 * An API token as listed to its owner; the secret itself is shown once, at creation.
 *
 * @param kind {@code personal} (created in the UI) or {@code login} (from {@code /api/v1/auth/token})
 */
public record ApiToken(long id, String name, String kind, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                       Instant revokedAt) {
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
