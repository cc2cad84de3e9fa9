package org.dossier.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where a case file stands in its retention lifecycle, from its last activity: active in years N
 * and N-1 (N the current calendar year), read-only archive from N-2 to N-5, then due for deletion.
 * Years are calendar years in Paris time, where the services work.
 *
 * <p>Pure: the caller gives the day it is, so that a page, a test and the deletion job agree on
 * the boundaries of one day.
 */
public final class Retention {
    /** The time zone in which a calendar year begins and ends. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** Years counted as active: N and N-1. */
    public static final int ACTIVE_YEARS = 2;
    /** Years a case file is kept after the year of its last activity, archive included: up to N-5. */
    public static final int KEPT_YEARS = 5;

    /** The phases of a case file. */
    public enum Phase { ACTIVE, ARCHIVED, DUE_FOR_DELETION }

    private final LocalDate today;

    private Retention(LocalDate today) {
        this.today = today;
    }

    /** The lifecycle as seen on {@code today} (a day in Paris). */
    public static Retention on(LocalDate today) {
        return new Retention(today);
    }

    /** The lifecycle as seen at {@code now}. */
    public static Retention at(Instant now) {
        return new Retention(LocalDate.ofInstant(now, ZONE));
    }

    public LocalDate today() {
        return today;
    }

    /** A case file last active at or after this instant (1 January of N-1) is active. */
    public Instant activeSince() {
        return startOfYear(today.getYear() - (ACTIVE_YEARS - 1));
    }

    /** A case file last active before this instant (1 January of N-5) is due for deletion; from it on, it is kept. */
    public Instant keptSince() {
        return startOfYear(today.getYear() - KEPT_YEARS);
    }

    public Phase phase(Instant lastActivity) {
        if (!lastActivity.isBefore(activeSince())) {
            return Phase.ACTIVE;
        }
        return lastActivity.isBefore(keptSince()) ? Phase.DUE_FOR_DELETION : Phase.ARCHIVED;
    }

    /** The day a case file last active at {@code lastActivity} becomes archived: 1 January after its active years. */
    public static LocalDate archivedOn(Instant lastActivity) {
        return LocalDate.of(LocalDate.ofInstant(lastActivity, ZONE).getYear() + ACTIVE_YEARS, 1, 1);
    }

    /** The day a case file last active at {@code lastActivity} becomes due for deletion: 1 January after its kept years. */
    public static LocalDate dueForDeletionOn(Instant lastActivity) {
        return LocalDate.of(LocalDate.ofInstant(lastActivity, ZONE).getYear() + KEPT_YEARS + 1, 1, 1);
    }

    private static Instant startOfYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
    }
}
