package org.dossier.backup;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly backup's settings.
 *
 * @param at        {@code DOSSIER_BACKUP_AT}: a time of day in Paris ({@code HH:mm}, 03:30 by default), or
 *                  {@code off} for no nightly backup (the command still runs one)
 * @param keepDays  {@code DOSSIER_BACKUP_KEEP_DAYS}: archives older than this are removed after a
 *                  successful backup (30 by default); the newest is never removed
 * @param directory {@code DOSSIER_BACKUP_DIR}: where the archives go ({@code <data dir>/backups} by default)
 * @param dumpTool  {@code DOSSIER_BACKUP_DUMP}: the {@code mariadb-dump} or {@code mysqldump} to run against an
 *                  external database ({@code DOSSIER_DB_URL}); without it, such an installation is not backed up here
 */
public record BackupSettings(Optional<LocalTime> at, int keepDays, Path directory, Optional<Path> dumpTool) {
    public static final LocalTime DEFAULT_AT = LocalTime.of(3, 30);
    public static final int DEFAULT_KEEP_DAYS = 30;

    public BackupSettings {
        if (keepDays < 1) {
            throw new IllegalArgumentException("DOSSIER_BACKUP_KEEP_DAYS must be at least 1, not " + keepDays);
        }
    }

    public static BackupSettings fromEnvironment(Path dataDir) {
        return fromMap(System.getenv(), dataDir);
    }

    public static BackupSettings fromMap(Map<String, String> env, Path dataDir) {
        String keep = env.get("DOSSIER_BACKUP_KEEP_DAYS");
        String directory = env.get("DOSSIER_BACKUP_DIR");
        String tool = env.get("DOSSIER_BACKUP_DUMP");
        return new BackupSettings(parseAt(env.get("DOSSIER_BACKUP_AT")),
                keep == null || keep.isBlank() ? DEFAULT_KEEP_DAYS : Integer.parseInt(keep.strip()),
                directory == null || directory.isBlank() ? dataDir.resolve("backups") : Path.of(directory.strip()),
                Optional.ofNullable(tool).filter(value -> !value.isBlank()).map(value -> Path.of(value.strip())));
    }

    static Optional<LocalTime> parseAt(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT_AT);
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DOSSIER_BACKUP_AT must be HH:mm (Paris time) or off, not: " + value, e);
        }
    }
}
