package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Thirty days of archives are kept, by the time in their names; the newest is never removed; other files are not touched. */
class BackupRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T02:30:00Z");
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("dossier-backup-retention");
    }

    @AfterEach
    void tearDown() {
        TestFiles.deleteRecursively(dir);
    }

    private Path archive(Duration age) throws IOException {
        Path file = dir.resolve(BackupWriter.PREFIX + BackupWriter.NAME_TIME.format(NOW.minus(age)) + BackupWriter.SUFFIX);
        // The file's own time says it is new: only the name's time counts.
        return Files.writeString(file, "archive");
    }

    private Stream<String> names() throws IOException {
        return Files.list(dir).map(file -> file.getFileName().toString()).sorted();
    }

    @Test
    void archives_older_than_thirty_days_are_removed_and_the_others_kept() throws IOException {
        Path today = archive(Duration.ofHours(1));
        Path lastWeek = archive(Duration.ofDays(7));
        Path almost = archive(Duration.ofDays(30).minusMinutes(1));
        Path old = archive(Duration.ofDays(30).plusMinutes(1));
        Path older = archive(Duration.ofDays(200));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "kept by the operator");
        Path foreign = Files.writeString(dir.resolve("dossier-backup-latest.zip"), "not named by a time");

        assertThat(new BackupRetention(30).prune(dir, NOW)).containsExactlyInAnyOrder(old, older);

        assertThat(names()).containsExactly(almost.getFileName().toString(), lastWeek.getFileName().toString(),
                today.getFileName().toString(), foreign.getFileName().toString(), notes.getFileName().toString());
    }

    @Test
    void the_newest_archive_is_never_removed_however_old() throws IOException {
        Path newest = archive(Duration.ofDays(90));
        archive(Duration.ofDays(120));

        assertThat(new BackupRetention(30).prune(dir, NOW)).hasSize(1);

        assertThat(names()).containsExactly(newest.getFileName().toString());
        assertThat(new BackupRetention(30).prune(dir, NOW)).isEmpty();
        assertThat(Files.exists(newest)).isTrue();
    }

    @Test
    void the_days_kept_follow_the_setting_and_a_crashed_run_s_temporary_file_goes_after_a_day() throws IOException {
        Path kept = archive(Duration.ofDays(2));
        Path removed = archive(Duration.ofDays(8));
        Path stale = Files.writeString(dir.resolve(BackupWriter.PARTIAL + "1.zip"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(NOW.minus(Duration.ofDays(2))));
        Path running = Files.writeString(dir.resolve(BackupWriter.PARTIAL + "2.zip"), "being written");
        Files.setLastModifiedTime(running, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        assertThat(new BackupRetention(7).prune(dir, NOW)).containsExactly(removed);

        assertThat(names()).containsExactly(running.getFileName().toString(), kept.getFileName().toString());
    }

    @Test
    void settings_read_the_time_the_days_and_the_directory() {
        BackupSettings defaults = BackupSettings.fromMap(java.util.Map.of(), Path.of("/srv/dossier"));
        assertThat(defaults.at()).contains(java.time.LocalTime.of(3, 30));
        assertThat(defaults.keepDays()).isEqualTo(30);
        assertThat(defaults.directory()).isEqualTo(Path.of("/srv/dossier/backups"));
        BackupSettings set = BackupSettings.fromMap(java.util.Map.of("DOSSIER_BACKUP_AT", "off",
                "DOSSIER_BACKUP_KEEP_DAYS", "14", "DOSSIER_BACKUP_DIR", "/mnt/nas"), Path.of("/srv/dossier"));
        assertThat(set.at()).isEmpty();
        assertThat(set.keepDays()).isEqualTo(14);
        assertThat(set.directory()).isEqualTo(Path.of("/mnt/nas"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackupSettings.fromMap(
                java.util.Map.of("DOSSIER_BACKUP_AT", "3h"), Path.of("/d"))).hasMessageContaining("HH:mm");
    }
}
