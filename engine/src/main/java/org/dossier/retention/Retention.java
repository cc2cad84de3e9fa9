package org.dossier.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where a case file stands in its retention lifecycle, from its last activity and its service's
 * {@link RetentionPolicy}: active in years N … N-(active-1) (N the current calendar year), read-only
 * archive down to N-kept, then due for deletion. With the default policy: active in N and N-1,
 * archived from N-2 to N-5. Years are calendar years in Paris time, where the services work.
 *
 * <p>Pure: the caller gives the day it is and the service's policy, so that a page, a test and the
 * deletion job agree on the boundaries of one day for one service.
 */
public final class Retention {
    /** The time zone in which a calendar year begins and ends. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** The phases of a case file. */
    public enum Phase { ACTIVE, ARCHIVED, DUE_FOR_DELETION }

    private final LocalDate today;
    private final RetentionPolicy policy;

    private Retention(LocalDate today, RetentionPolicy policy) {
        this.today = today;
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** The lifecycle of a service with {@code policy}, as seen on {@code today} (a day in Paris). */
    public static Retention on(LocalDate today, RetentionPolicy policy) {
        return new Retention(today, policy);
    }

    /** The lifecycle of a service with {@code policy}, as seen at {@code now}. */
    public static Retention at(Instant now, RetentionPolicy policy) {
        return new Retention(LocalDate.ofInstant(now, ZONE), policy);
    }

    public LocalDate today() {
        return today;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** A case file last active at or after this instant (1 January of N-(active-1)) is active. */
    public Instant activeSince() {
        return startOfYear(today.getYear() - (policy.activeYears() - 1));
    }

    /** A case file last active before this instant (1 January of N-kept) is due for deletion; from it on, it is kept. */
    public Instant keptSince() {
        return startOfYear(today.getYear() - policy.keptYears());
    }

    public Phase phase(Instant lastActivity) {
        if (!lastActivity.isBefore(activeSince())) {
            return Phase.ACTIVE;
        }
        return lastActivity.isBefore(keptSince()) ? Phase.DUE_FOR_DELETION : Phase.ARCHIVED;
    }

    /** The day a case file last active at {@code lastActivity} becomes archived: 1 January after its active years. */
    public LocalDate archivedOn(Instant lastActivity) {
        return LocalDate.of(LocalDate.ofInstant(lastActivity, ZONE).getYear() + policy.activeYears(), 1, 1);
    }

    /** The day a case file last active at {@code lastActivity} becomes due for deletion: 1 January after its kept years. */
    public LocalDate dueForDeletionOn(Instant lastActivity) {
        return LocalDate.of(LocalDate.ofInstant(lastActivity, ZONE).getYear() + policy.keptYears() + 1, 1, 1);
    }

    /**
     * The first instant of a year whose case files become due for deletion by {@code day}: a case
     * file last active before it is due on or before {@code day}.
     */
    public Instant dueBy(LocalDate day) {
        return startOfYear(day.getYear() - policy.keptYears());
    }

    private static Instant startOfYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
    }
}
