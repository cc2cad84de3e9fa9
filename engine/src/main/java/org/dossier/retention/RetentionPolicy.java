package org.dossier.retention;

/**
 * How long a service keeps its case files: {@code activeYears} calendar years active (the current
 * one included), then archived until {@code keptYears} years after the year of the last activity.
 * The platform's default is the plan's: two active years (N, N-1), kept up to N-5.
 */
public record RetentionPolicy(int activeYears, int keptYears) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Retention.ACTIVE_YEARS, Retention.KEPT_YEARS);
}
