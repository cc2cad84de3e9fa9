package org.dossier.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts failed logins per account and per client address, in the database so that every app
 * node sees the same counts. A key's failures count for {@link #WINDOW} from the first of them;
 * reaching the key's limit within that window locks it for {@link #LOCKOUT}. Unknown e-mails are
 * counted like known ones, so the lockout says nothing about whether an account exists.
 *
 * <p>A success clears the account's count, never the address's: otherwise someone holding one
 * valid account could sign in between guesses at other accounts and never be throttled by address.
 * The address limit is the higher one because one address may be a whole office behind a NAT,
 * where many people mistype; its window lets those mistakes expire instead of adding up all day.
 *
 * <p>Storage: {@code login_throttle.updated_at} holds when the key's current count began (its
 * window), or when it was locked.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    /**
     * How many failures within {@link #WINDOW} lock an account, and an address.
     *
     * <p>10 per account: at most 40 guesses an hour at one account, while a person who
     * mistypes has room to spare. 50 per address: one attacker tries at most 50 passwords a quarter
     * of an hour across all accounts, and an office of a hundred people behind one NAT, each
     * mistyping once in the same quarter of an hour, is still not locked out.
     */
    public record Limits(int accountFailures, int addressFailures) {
        public static final int ACCOUNT_FAILURES = 10;
        public static final int ADDRESS_FAILURES = 50;

        public Limits {
            if (accountFailures < 1 || addressFailures < 1) {
                throw new IllegalArgumentException("login failure limits must be at least 1");
            }
        }

        public static Limits defaults() {
            return new Limits(ACCOUNT_FAILURES, ADDRESS_FAILURES);
        }
    }

    /** A throttle key and the failures that lock it. */
    private record Counted(byte[] key, int limit) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Limits limits;

    public LoginThrottle(Jdbi jdbi, Clock clock, Limits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.limits = limits;
    }

    /** @return when the lockout of the account or the address ends, if one of them is locked */
    public Optional<Instant> lockedUntil(String email, String clientAddress) {
        return lockedUntil(List.of(accountKey(email), addressKey(clientAddress)));
    }

    /** @return when the account's lockout ends, if it is locked; for a signed-in user proving their password */
    public Optional<Instant> accountLockedUntil(String email) {
        return lockedUntil(List.of(accountKey(email)));
    }

    /** A failed login: counts against the account and the address. */
    public void failed(String email, String clientAddress) {
        count(List.of(new Counted(accountKey(email), limits.accountFailures()),
                new Counted(addressKey(clientAddress), limits.addressFailures())));
    }

    /** A wrong password from someone already signed in: counts against the account only. */
    public void accountFailed(String email) {
        count(List.of(new Counted(accountKey(email), limits.accountFailures())));
    }

    /** The right password: clears the account's count. The address's runs on (see the class comment). */
    public void succeeded(String email) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key = :key")
                .bind("key", accountKey(email)).execute());
    }

    private Optional<Instant> lockedUntil(List<byte[]> keys) {
        Instant now = now();
        return jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT MAX(locked_until) FROM login_throttle
                                 WHERE throttle_key IN (<keys>) AND locked_until > :now
                                """)
                        .bindList("keys", keys).bind("now", now)
                        .mapTo(Instant.class).findOne())
                .filter(until -> until != null);
    }

    private void count(List<Counted> keys) {
        Instant now = now();
        jdbi.useTransaction(handle -> keys.forEach(counted -> count(handle, counted, now)));
    }

    private static void count(Handle handle, Counted counted, Instant now) {
        // MySQL applies the assignments left to right: updated_at is still the old one when failures is set.
        handle.createUpdate("""
                        INSERT INTO login_throttle (throttle_key, failures, locked_until, updated_at)
                        VALUES (:key, 1, NULL, :now)
                        ON DUPLICATE KEY UPDATE
                            failures = IF(updated_at <= :windowStart, 1, failures + 1),
                            updated_at = IF(updated_at <= :windowStart, :now, updated_at)
                        """)
                .bind("key", counted.key()).bind("now", now).bind("windowStart", now.minus(WINDOW)).execute();
        handle.createUpdate("""
                        UPDATE login_throttle SET failures = 0, locked_until = :until, updated_at = :now
                         WHERE throttle_key = :key AND failures >= :limit
                        """)
                .bind("key", counted.key()).bind("until", now.plus(LOCKOUT)).bind("now", now)
                .bind("limit", counted.limit()).execute();
    }

    /** The key an account's failures are counted under, for deleting it with the account. */
    public static byte[] accountKey(String email) {
        return Secrets.sha256("account:" + Emails.normalize(email));
    }

    private static byte[] addressKey(String clientAddress) {
        return Secrets.sha256("address:" + (clientAddress == null ? "" : clientAddress));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
