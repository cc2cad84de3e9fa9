package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.dossier.Services;
import org.dossier.db.Database;
import org.dossier.db.EmbeddedMariaDb;
import org.dossier.json.StrictJson;
import org.dossier.offboarding.EveryTableSeed;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A backup of a database with rows in every table, restored into a new data directory, holds the
 * same rows in every table, byte for byte, and the same attachments' files (the master key is not in
 * the archive: it is given to the restore apart); the
 * archive appears only under its final name once complete; a restore refuses a directory that holds
 * anything.
 */
/* Tagged "embedded", not "integration": a backup is the embedded database's (its own dump tool); an external
 * database is backed up by its provider, so the MySQL 8 pass has nothing to run here. */
@Tag("embedded")
class BackupRestoreTest {
    private Services services;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        services = TestDatabase.services();
        work = Files.createTempDirectory("dossier-backup-test");
    }

    @AfterEach
    void tearDown() {
        if (work != null) {
            TestFiles.deleteRecursively(work);
        }
    }

    @Test
    void a_backup_restored_into_a_new_data_directory_holds_every_row_of_every_table_and_every_attachment() throws Exception {
        Tenant seeded = EveryTableSeed.seed("sauvegarde", "Sauvegardezyx");
        assertThat(EveryTableSeed.rows(services, seeded)).as("a row in every tenant-scoped table")
                .hasSameSizeAs(EveryTableSeed.tenantScopedTables(services));
        Path attachments = Files.createDirectories(work.resolve("source/attachments/t/" + seeded.id().value()));
        Files.write(attachments.resolve("piece-1"), "%PDF-1.4 quittance de loyer".getBytes(StandardCharsets.UTF_8));
        Files.write(attachments.resolve("piece-2"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        Files.write(attachments.resolve(".partial-123"), new byte[] {1}); // an object still being written: left out
        Path keyFile = Files.writeString(work.resolve("source/master.key"), "a2V5IGZvciB0aGUgdGVzdA==\n");
        BackupWriter writer = new BackupWriter(TestBackups.source(), services.jdbi(),
                Optional.of(work.resolve("source/attachments")), StrictJson.mapper(), Clock.systemUTC());
        List<String> steps = new ArrayList<>();
        Map<String, List<String>> before = TestBackups.dump(services.jdbi());

        BackupWriter.Written written = writer.write(work.resolve("backups"), steps::add);

        assertThat(written.file().getFileName().toString()).matches("dossier-backup-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.zip");
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            assertThat(files.toList()).containsExactly(written.file()); // no temporary file left beside it
        }
        assertThat(steps).anySatisfy(step -> assertThat(step).startsWith("database dumped: ").contains(" MB").endsWith(" s"));
        assertThat(written.manifest().tables()).containsEntry("records", (long) before.get("records").size())
                .containsEntry("audit_events", (long) before.get("audit_events").size())
                .containsKey("scheduled_tasks").hasSize(before.size() + 1);
        assertThat(written.manifest().files()).containsOnlyKeys("attachments/t/" + seeded.id().value() + "/piece-1",
                "attachments/t/" + seeded.id().value() + "/piece-2");
        try (ZipFile zip = new ZipFile(written.file().toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).as("never the key beside the sealed values")
                    .containsExactlyInAnyOrder("database.sql", "manifest.json", "attachments/t/" + seeded.id().value() + "/piece-1",
                            "attachments/t/" + seeded.id().value() + "/piece-2");
            assertThat(new String(zip.getInputStream(zip.getEntry("database.sql")).readNBytes(4096), StandardCharsets.UTF_8))
                    .contains("-- MariaDB dump");
        }

        Path restoredDir = work.resolve("restored");
        List<String> restoreSteps = new ArrayList<>();
        BackupRestore.Restored restored = new BackupRestore(StrictJson.mapper()).restore(written.file(), restoredDir,
                Optional.of(keyFile), restoreSteps::add);

        assertThat(restored.manifest()).isEqualTo(written.manifest());
        assertThat(restoreSteps).anySatisfy(step -> assertThat(step).startsWith("rows checked: "));
        assertThat(restoredDir.resolve("attachments/t/" + seeded.id().value() + "/piece-1"))
                .hasSameBinaryContentAs(attachments.resolve("piece-1"));
        assertThat(restoredDir.resolve("attachments/t/" + seeded.id().value() + "/piece-2"))
                .hasSameBinaryContentAs(attachments.resolve("piece-2"));
        assertThat(restoredDir.resolve("attachments/t/" + seeded.id().value() + "/.partial-123")).doesNotExist();
        assertThat(restoredDir.resolve("master.key")).hasSameTextualContentAs(keyFile);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                restoredDir.resolve("master.key")))).isEqualTo("rw-------");
        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(restoredDir);
             Database copy = Database.connect(embedded.jdbcUrl(), embedded.user(), embedded.password(), 2)) {
            Map<String, List<String>> after = TestBackups.dump(copy.jdbi());
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            for (String table : before.keySet()) {
                assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
            }
            long jobs = copy.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM scheduled_tasks")
                    .mapTo(Long.class).one());
            assertThat(jobs).as("no node's picked execution comes back with a restore").isZero();
        }
    }

    @Test
    void a_restore_refuses_a_data_directory_that_holds_anything_and_writes_nothing_there() throws Exception {
        Path used = Files.createDirectories(work.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "something of another installation");
        Path archive = Files.writeString(work.resolve("dossier-backup-2026-01-01T00-00-00Z.zip"), "not read");

        assertThatThrownBy(() -> new BackupRestore(StrictJson.mapper()).restore(archive, used, Optional.empty(), line -> { }))
                .isInstanceOf(RestoreRefusedException.class)
                .hasMessageContaining(used.toString()).hasMessageContaining("is not empty")
                .hasMessageContaining("nothing was restored");

        try (Stream<Path> files = Files.list(used)) {
            assertThat(files.toList()).containsExactly(used.resolve("notes.txt"));
        }
    }

    @Test
    void a_file_that_is_not_a_backup_is_refused_before_a_database_is_created() throws Exception {
        Path notABackup = work.resolve("other.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(notABackup))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path target = work.resolve("fresh");

        assertThatThrownBy(() -> new BackupRestore(StrictJson.mapper()).restore(notABackup, target, Optional.empty(), line -> { }))
                .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("is not a Dossier backup");
        assertThat(target).doesNotExist();
    }
}
