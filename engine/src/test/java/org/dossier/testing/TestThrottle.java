package org.dossier.testing;

import java.time.Instant;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Emails;
import org.dossier.account.Secrets;

/**
 * The login throttle's stored counters, read and removed by key. Every request of the test JVM
 * comes from {@link #LOCAL}, and a success no longer clears an address's counter, so a class whose
 * logins fail removes that counter when done: the others must not inherit its failures.
 */
public final class TestThrottle {
    public static final String LOCAL = "127.0.0.1";

    private TestThrottle() {}

    /** The stored counter of one key: its failures, the attempts under way, its lockout. */
    public record Counter(int failures, int pending, Instant lockedUntil) {
        /** A settled counter: no attempt under way. */
        public Counter(int failures, Instant lockedUntil) {
            this(failures, 0, lockedUntil);
        }
    }

    public static byte[] addressKey(String address) {
        return Secrets.sha256("address:" + address);
    }

    public static byte[] accountKey(String email) {
        return Secrets.sha256("account:" + Emails.normalize(email));
    }

    public static Optional<Counter> counter(Services services, byte[] key) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT failures, pending, locked_until FROM login_throttle WHERE throttle_key = :key")
                .bind("key", key)
                .map((rs, ctx) -> new Counter(rs.getInt("failures"), rs.getInt("pending"),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant()))
                .findOne());
    }

    public static void forget(Services services, byte[] key) {
        services.jdbi().useHandle(handle -> handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key = :key")
                .bind("key", key).execute());
    }

    /** Removes the counter of the address every test request comes from. */
    public static void forgetLocalAddress(Services services) {
        forget(services, addressKey(LOCAL));
    }
}
