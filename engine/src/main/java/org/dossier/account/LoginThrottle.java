package org.dossier.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts consecutive login failures per account and per client address, in the database so that
 * every app node sees the same counts. After {@link #MAX_FAILURES} failures in a row the key is
 * locked for {@link #LOCKOUT}; a success clears both keys. Unknown e-mails are counted like known
 * ones, so the lockout says nothing about whether an account exists.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 10;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Jdbi jdbi;
    private final Clock clock;

    public LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** @return when the lockout of the account or the address ends, if one of them is locked */
    public Optional<Instant> lockedUntil(String email, String clientAddress) {
        Instant now = now();
        return jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT MAX(locked_until) FROM login_throttle
                                 WHERE throttle_key IN (<keys>) AND locked_until > :now
                                """)
                        .bindList("keys", keys(email, clientAddress)).bind("now", now)
                        .mapTo(Instant.class).findOne())
                .filter(until -> until != null);
    }

    public void failed(String email, String clientAddress) {
        Instant now = now();
        jdbi.useTransaction(handle -> {
            for (byte[] key : keys(email, clientAddress)) {
                handle.createUpdate("""
                                INSERT INTO login_throttle (throttle_key, failures, locked_until, updated_at)
                                VALUES (:key, 1, NULL, :now)
                                ON DUPLICATE KEY UPDATE failures = failures + 1, updated_at = :now
                                """)
                        .bind("key", key).bind("now", now).execute();
                handle.createUpdate("""
                                UPDATE login_throttle SET failures = 0, locked_until = :until
                                 WHERE throttle_key = :key AND failures >= :max
                                """)
                        .bind("key", key).bind("until", now.plus(LOCKOUT)).bind("max", MAX_FAILURES).execute();
            }
        });
    }

    public void succeeded(String email, String clientAddress) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key IN (<keys>)")
                .bindList("keys", keys(email, clientAddress)).execute());
    }

    private static List<byte[]> keys(String email, String clientAddress) {
        return List.of(accountKey(email), Secrets.sha256("address:" + (clientAddress == null ? "" : clientAddress)));
    }

    /** The key an account's failures are counted under, for deleting it with the account. */
    public static byte[] accountKey(String email) {
        return Secrets.sha256("account:" + Emails.normalize(email));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
