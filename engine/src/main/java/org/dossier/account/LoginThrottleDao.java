package org.dossier.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rows of {@code login_throttle}, one per key. Every statement that a login runs on the hot
 * rows (an address that a whole office shares, an account under attack) is a single autocommit
 * statement, so that a row is never held locked across a round trip to the app: under load,
 * holders of a row lock waiting for a CPU would otherwise queue every other login behind them.
 */
final class LoginThrottleDao {
    private final Jdbi jdbi;
    private final Duration window;
    private final Duration lockout;

    LoginThrottleDao(Jdbi jdbi, Duration window, Duration lockout) {
        this.jdbi = jdbi;
        this.window = window;
        this.lockout = lockout;
    }

    /**
     * Counts an attempt as pending at the key.
     *
     * @return when to come back, if the key refuses it: locked, or its failures plus the attempts
     *         under way reach the limit; nothing is then counted
     */
    Optional<Instant> reserve(byte[] key, int limit, Instant now) {
        // The usual case in one statement: a live window, not locked, with room left.
        int counted = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE login_throttle SET pending = pending + 1
                         WHERE throttle_key = :key AND locked_until IS NULL AND updated_at > :windowStart
                           AND failures + pending < :limit
                        """)
                .bind("key", key).bind("windowStart", now.minus(window)).bind("limit", limit).execute());
        if (counted == 1) {
            return Optional.empty();
        }
        // No row yet, a window or lockout that is over, or a refusal: decided under the row's lock.
        return jdbi.inTransaction(handle -> {
            Counter counter = lock(handle, key, now).current(now, window);
            Optional<Instant> refused = counter.refusedUntil(limit, now, lockout);
            if (refused.isEmpty()) {
                handle.createUpdate("""
                                UPDATE login_throttle
                                   SET failures = :failures, pending = :pending + 1, locked_until = NULL,
                                       updated_at = :windowStart
                                 WHERE throttle_key = :key
                                """)
                        .bind("key", key).bind("failures", counter.failures()).bind("pending", counter.pending())
                        .bind("windowStart", counter.windowStart()).execute();
            }
            return refused;
        });
    }

    /**
     * A pending attempt became a failure: one more failure, one fewer pending; reaching the limit
     * locks the key and starts its count afresh. {@code failures} is assigned last, so the other
     * assignments read its old value whether the server applies them left to right (MySQL,
     * MariaDB) or all at once (MariaDB's SIMULTANEOUS_ASSIGNMENT).
     */
    void fail(byte[] key, int limit, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE login_throttle
                           SET locked_until = IF(failures + 1 >= :limit, :until, locked_until),
                               updated_at = IF(failures + 1 >= :limit, :now, updated_at),
                               pending = GREATEST(pending - 1, 0),
                               failures = IF(failures + 1 >= :limit, 0, failures + 1)
                         WHERE throttle_key = :key
                        """)
                .bind("key", key).bind("until", now.plus(lockout)).bind("now", now).bind("limit", limit).execute());
    }

    /** A pending attempt succeeded at an account: its failures and lockout are cleared. */
    void clear(byte[] key) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE login_throttle SET failures = 0, locked_until = NULL, pending = GREATEST(pending - 1, 0)
                         WHERE throttle_key = :key
                        """)
                .bind("key", key).execute());
        tidy(key);
    }

    /** A pending attempt counts no more, and no failure is added. */
    void drop(byte[] key) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE login_throttle SET pending = GREATEST(pending - 1, 0) WHERE throttle_key = :key")
                .bind("key", key).execute());
        tidy(key);
    }

    /** @return the latest end of a lockout among the keys, if one is locked */
    Optional<Instant> lockedUntil(List<byte[]> keys, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT MAX(locked_until) FROM login_throttle
                                 WHERE throttle_key IN (<keys>) AND locked_until > :now
                                """)
                        .bindList("keys", keys).bind("now", now)
                        .mapTo(Instant.class).findOne())
                .filter(until -> until != null);
    }

    /** A key with nothing counted, pending or locked is no longer worth a row. */
    private void tidy(byte[] key) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        DELETE FROM login_throttle
                         WHERE throttle_key = :key AND failures = 0 AND pending = 0 AND locked_until IS NULL
                        """)
                .bind("key", key).execute());
    }

    /** Reads the key's row under its row lock, creating it first if needed. */
    private static Counter lock(Handle handle, byte[] key, Instant now) {
        Optional<Counter> stored = read(handle, key);
        if (stored.isEmpty()) {
            // A locking read of a missing row locks nothing under READ COMMITTED: insert, then read.
            handle.createUpdate("""
                            INSERT INTO login_throttle (throttle_key, failures, pending, locked_until, updated_at)
                            VALUES (:key, 0, 0, NULL, :now)
                            ON DUPLICATE KEY UPDATE throttle_key = throttle_key
                            """)
                    .bind("key", key).bind("now", now).execute();
            stored = read(handle, key);
        }
        return stored.orElseThrow();
    }

    private static Optional<Counter> read(Handle handle, byte[] key) {
        return handle.createQuery("""
                        SELECT failures, pending, locked_until, updated_at FROM login_throttle
                         WHERE throttle_key = :key FOR UPDATE
                        """)
                .bind("key", key)
                .map((rs, ctx) -> new Counter(rs.getInt("failures"), rs.getInt("pending"),
                        instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("updated_at"))))
                .findOne();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A key's row; {@code windowStart} is when its failures began counting, or when it was locked. */
    private record Counter(int failures, int pending, Instant lockedUntil, Instant windowStart) {
        /**
         * The row as it stands now: an ended lockout, a window past, or a row with nothing counted
         * starts counting afresh. Pending attempts go with the window too: one whose process died
         * would otherwise hold a place forever, while a live one settles within seconds.
         */
        Counter current(Instant now, Duration window) {
            boolean lockOver = lockedUntil != null && !lockedUntil.isAfter(now);
            boolean windowOver = lockedUntil == null && !windowStart.isAfter(now.minus(window));
            if (lockOver || windowOver) {
                return new Counter(0, windowOver ? 0 : pending, null, now);
            }
            if (failures == 0 && pending == 0 && lockedUntil == null) {
                return new Counter(0, 0, null, now);
            }
            return this;
        }

        Optional<Instant> refusedUntil(int limit, Instant now, Duration lockout) {
            if (lockedUntil != null) {
                return Optional.of(lockedUntil);
            }
            if (failures + pending >= limit) {
                // Should the attempts under way all fail, the lockout they set runs about this long.
                return Optional.of(now.plus(lockout));
            }
            return Optional.empty();
        }
    }
}
