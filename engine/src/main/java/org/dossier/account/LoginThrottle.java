package org.dossier.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>An attempt is counted before its password is checked ({@link #begin}), as pending: while a
 * key's failures plus the attempts under way reach its limit, a further attempt is refused without
 * its password being checked, so guesses sent all at once get no more checks than guesses sent one
 * after the other. Settling the attempt turns it into a failure, or drops it.
 *
 * <p>Storage: {@code login_throttle.updated_at} holds when the key's current count began (its
 * window), or when it was locked; {@code pending} the attempts under way.
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

    /** A throttle key, the failures that lock it, and whether it is an account's (or an address's). */
    private record Counted(byte[] key, int limit, boolean account) {}

    private final LoginThrottleDao rows;
    private final Clock clock;
    private final Limits limits;

    public LoginThrottle(Jdbi jdbi, Clock clock, Limits limits) {
        this.rows = new LoginThrottleDao(jdbi, WINDOW, LOCKOUT);
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * A login attempt, counted before its password is checked and settled exactly once afterwards:
     * {@link #failed()}, {@link #succeeded()} or {@link #abandoned()}.
     */
    public final class Attempt {
        private final List<Counted> keys;
        private boolean settled;

        private Attempt(List<Counted> keys) {
            this.keys = keys;
        }

        /** A wrong password, or an unknown e-mail: the attempt becomes a failure of every key. */
        public void failed() {
            settle();
            Instant now = now();
            keys.forEach(counted -> rows.fail(counted.key(), counted.limit(), now));
        }

        /**
         * The right password: clears the account's count and lockout, as a success always has; the
         * address's count runs on (see the class comment). Attempts still under way stay counted.
         */
        public void succeeded() {
            settle();
            keys.forEach(counted -> {
                if (counted.account()) {
                    rows.clear(counted.key());
                } else {
                    rows.drop(counted.key());
                }
            });
        }

        /**
         * Neither a failure nor a success: the password was right but the person may not sign in
         * (every service suspended), or checking it failed.
         */
        public void abandoned() {
            settle();
            keys.forEach(counted -> rows.drop(counted.key()));
        }

        private void settle() {
            if (settled) {
                throw new IllegalStateException("a login attempt is settled once");
            }
            settled = true;
        }
    }

    /**
     * Counts a login attempt at the account and the address, before its password is checked.
     *
     * @throws LoginRefusedException {@code loginLocked} when either key is locked, or when the attempts
     *                               under way would reach its limit; then nothing is counted
     */
    public Attempt begin(String email, String clientAddress) {
        return begin(List.of(new Counted(accountKey(email), limits.accountFailures(), true),
                new Counted(addressKey(clientAddress), limits.addressFailures(), false)));
    }

    /** Counts an attempt at the account only: a signed-in user proving their password. */
    public Attempt beginForAccount(String email) {
        return begin(List.of(new Counted(accountKey(email), limits.accountFailures(), true)));
    }

    /** @return when the lockout of the account or the address ends, if one of them is locked */
    public Optional<Instant> lockedUntil(String email, String clientAddress) {
        return rows.lockedUntil(List.of(accountKey(email), addressKey(clientAddress)), now());
    }

    /** @return when the account's lockout ends, if it is locked */
    public Optional<Instant> accountLockedUntil(String email) {
        return rows.lockedUntil(List.of(accountKey(email)), now());
    }

    /**
     * Counts the attempt at each key in turn; when one refuses, those already counted are dropped
     * again, so a refused attempt counts nowhere.
     */
    private Attempt begin(List<Counted> keys) {
        Instant now = now();
        List<Counted> reserved = new ArrayList<>();
        for (Counted counted : keys) {
            Optional<Instant> refused = rows.reserve(counted.key(), counted.limit(), now);
            if (refused.isPresent()) {
                reserved.forEach(done -> rows.drop(done.key()));
                throw LoginRefusedException.locked(refused.get());
            }
            reserved.add(counted);
        }
        return new Attempt(keys);
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
