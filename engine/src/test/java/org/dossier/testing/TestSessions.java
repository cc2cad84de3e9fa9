package org.dossier.testing;

import java.time.Duration;
import java.time.Instant;
import org.dossier.Services;
import org.dossier.account.Secrets;

/** Sessions as time leaves them, without waiting: a test moves a browser's session past its idle timeout. */
public final class TestSessions {
    private TestSessions() {}

    /** Moves the browser's session 31 minutes past its last request, as if its person had typed that long. */
    public static void expire(Services services, TestClient browser) {
        byte[] hash = Secrets.sha256(browser.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1));
        Instant now = Instant.now();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE sessions SET created_at = :created, last_seen_at = :seen WHERE id_hash = :hash")
                .bind("created", now.minus(Duration.ofMinutes(40))).bind("seen", now.minus(Duration.ofMinutes(31)))
                .bind("hash", hash).execute());
    }
}
