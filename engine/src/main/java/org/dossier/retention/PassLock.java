package org.dossier.retention;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The database lock of a lifecycle pass, shared by every node and the command: one row of
 * {@code lifecycle_lock}, taken by a conditional update when free or expired, extended after each
 * batch, released at the end. A holder killed half-way stops extending it, so it is free again
 * {@link #LEASE} later at most, and the next pass finishes the work.
 *
 * <p>Why a row and not only db-scheduler: db-scheduler runs one execution of a task instance at a
 * time across nodes, but the command runs outside it; both go through this row, so a node's
 * nightly pass and a pass from the command never overlap.
 */
public final class PassLock {
    /** How long a holder keeps the lock without extending it. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Duration lease;

    public PassLock(Jdbi jdbi) {
        this(jdbi, LEASE);
    }

    /** Times are the database's ({@code NOW(6)}), so that nodes with drifting clocks agree on expiry. */
    public PassLock(Jdbi jdbi, Duration lease) {
        this.jdbi = jdbi;
        this.lease = lease;
    }

    /** Takes the lock for {@code holder}; false when another holder has it and its lease runs. */
    public boolean tryAcquire(String holder) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE lifecycle_lock SET holder = :holder, held_until = NOW(6) + INTERVAL :seconds SECOND
                         WHERE name = 'pass' AND (holder IS NULL OR held_until < NOW(6))
                        """).bind("holder", holder).bind("seconds", lease.toSeconds()).execute()) == 1;
    }

    /** Extends the lease; false when {@code holder} lost it (expired and taken by another). */
    public boolean extend(String holder) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE lifecycle_lock SET held_until = NOW(6) + INTERVAL :seconds SECOND
                         WHERE name = 'pass' AND holder = :holder
                        """).bind("holder", holder).bind("seconds", lease.toSeconds()).execute()) == 1;
    }

    public void release(String holder) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE lifecycle_lock SET holder = NULL, held_until = NULL WHERE name = 'pass' AND holder = :holder
                        """).bind("holder", holder).execute());
    }
}
