package org.dossier.retention;

import java.time.Duration;

/**
 * How a lifecycle pass shares the machine: after each batch it rests {@code restPerWork} times as
 * long as the batch took (at most {@link #MAX_REST}), so the database threads and cores it used
 * go back to the pages people are using. The default, 0.3, keeps about a quarter of the pass's
 * time idle: at a million case files it deleted 55,000 a minute while the list page's p99 stayed
 * under its figure with no pass running (README, "Data lifecycle", Speed).
 */
public record Pacing(double restPerWork) {
    /** A batch never waits longer than this, however slow the last one was. */
    static final Duration MAX_REST = Duration.ofSeconds(2);
    public static final Pacing NONE = new Pacing(0);
    /** A constant expression, so the command lines can name it as their default. */
    public static final double DEFAULT_REST = 0.3;
    public static final Pacing DEFAULT = new Pacing(DEFAULT_REST);

    public Pacing {
        if (restPerWork < 0 || restPerWork > 10) {
            throw new IllegalArgumentException("rest per unit of work between 0 and 10");
        }
    }

    /** Sleeps after a batch that took {@code workNanos}; an interrupt ends the rest and is kept. */
    void rest(long workNanos) {
        long restNanos = Math.min((long) (workNanos * restPerWork), MAX_REST.toNanos());
        if (restNanos <= 0) {
            return;
        }
        try {
            Thread.sleep(restNanos / 1_000_000, (int) (restNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
