package org.dossier.backup;

/** A line per step of a backup or a restore, with sizes and seconds (the terminal prints them, the job logs them). */
@FunctionalInterface
public interface BackupProgress {
    BackupProgress NONE = line -> { };

    void step(String line);

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    static String seconds(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
