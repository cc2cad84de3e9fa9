package org.dossier.signon;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.account.Secrets;
import org.jdbi.v3.core.Jdbi;

/** The ID token behind each session opened by single sign-on, kept for the provider's logout only. */
public final class SignOnSessions {
    private final Jdbi jdbi;
    private final Clock clock;

    public SignOnSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Remembers the ID token of a new session, and forgets those of sessions that ended without a logout. */
    public void remember(String sessionId, String idToken) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            DELETE o FROM oidc_sessions o LEFT JOIN sessions s ON s.id_hash = o.session_hash
                             WHERE s.id_hash IS NULL
                            """).execute();
            handle.createUpdate("""
                            INSERT INTO oidc_sessions (session_hash, id_token, created_at)
                            VALUES (:hash, :idToken, :now)
                            """)
                    .bind("hash", Secrets.sha256(sessionId)).bind("idToken", idToken).bind("now", now).execute();
        });
    }

    /** The session's ID token, forgotten now: the session is ending. Empty for a password session. */
    public Optional<String> take(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(sessionId);
        return jdbi.inTransaction(handle -> {
            Optional<String> idToken = handle.createQuery(
                            "SELECT id_token FROM oidc_sessions WHERE session_hash = :hash FOR UPDATE")
                    .bind("hash", hash).mapTo(String.class).findOne();
            handle.createUpdate("DELETE FROM oidc_sessions WHERE session_hash = :hash").bind("hash", hash).execute();
            return idToken;
        });
    }
}
