package org.dossier.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the archives of the last {@code keepDays} days: run after a successful backup, it removes
 * older ones, by the time in their names (a copy or a restore of the directory does not change it,
 * unlike a file's modification time), and never the newest archive whatever its age. Temporary
 * files a crashed run left behind, older than a day, go too.
 */
public final class BackupRetention {
    private final int keepDays;

    public BackupRetention(int keepDays) {
        this.keepDays = keepDays;
    }

    /** An archive in the directory, with the time its name carries. */
    public record Archive(Path file, Instant takenAt) {}

    /** The archives of the directory, newest first; other files are not archives and are never touched. */
    public static List<Archive> archives(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Archive> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                takenAt(file.getFileName().toString()).ifPresent(at -> archives.add(new Archive(file, at)));
            }
        }
        archives.sort(Comparator.comparing(Archive::takenAt).reversed());
        return archives;
    }

    /** Removes what is past the retention; returns the archives removed. */
    public List<Path> prune(Path directory, Instant now) throws IOException {
        List<Archive> archives = archives(directory);
        Instant limit = now.minus(Duration.ofDays(keepDays));
        List<Path> removed = new ArrayList<>();
        for (Archive archive : archives.subList(Math.min(1, archives.size()), archives.size())) {
            if (archive.takenAt().isBefore(limit)) {
                Files.deleteIfExists(archive.file());
                removed.add(archive.file());
            }
        }
        removeStalePartials(directory, now);
        return removed;
    }

    private static void removeStalePartials(Path directory, Instant now) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(BackupWriter.PARTIAL)).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    static Optional<Instant> takenAt(String name) {
        if (!name.startsWith(BackupWriter.PREFIX) || !name.endsWith(BackupWriter.SUFFIX)) {
            return Optional.empty();
        }
        String time = name.substring(BackupWriter.PREFIX.length(), name.length() - BackupWriter.SUFFIX.length());
        try {
            return Optional.of(Instant.from(BackupWriter.NAME_TIME.parse(time)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
