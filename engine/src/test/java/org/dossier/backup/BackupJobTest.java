package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.jobs.Jobs;
import org.dossier.json.StrictJson;
import org.dossier.retention.LifecycleJob;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.LifecycleSchedule;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nightly backup is a task of the node's one scheduler, beside the lifecycle pass; with two
 * nodes on one database it runs once, and the run is in the platform audit log.
 */
/* Tagged "embedded", not "integration": a backup is the embedded database's (its own dump tool); an external
 * database is backed up by its provider, so the MySQL 8 pass has nothing to run here. */
@Tag("embedded")
class BackupJobTest {
    private Services services;
    private Path dir;
    private String suffix;

    @BeforeEach
    void setUp() throws IOException {
        services = TestDatabase.services();
        dir = Files.createTempDirectory("dossier-backup-job");
        suffix = Long.toString(System.nanoTime() % 1_000_000);
        clearTasks();
    }

    @AfterEach
    void tearDown() {
        if (services != null) {
            clearTasks();
        }
        if (dir != null) {
            TestFiles.deleteRecursively(dir);
        }
    }

    private void clearTasks() {
        services.jdbi().useHandle(handle -> handle.execute("DELETE FROM scheduled_tasks WHERE task_name IN (?, ?)",
                BackupJob.TASK, LifecycleJob.TASK));
    }

    private Backups backups(Services node, String at) {
        BackupSettings settings = BackupSettings.fromMap(java.util.Map.of("DOSSIER_BACKUP_AT", at), dir);
        BackupWriter writer = new BackupWriter(TestBackups.source(), node.jdbi(), Optional.empty(), node.mapper(),
                Clock.systemUTC());
        return new Backups(new BackupSettings(settings.at(), 30, dir.resolve("backups"), Optional.empty()),
                Optional.of(writer), "", node.jdbi(), new AuditLog(), StrictJson.mapper(), Clock.systemUTC());
    }

    @Test
    void the_nightly_backup_and_the_lifecycle_pass_are_tasks_of_the_one_scheduler_at_their_times_in_paris() {
        String node = "node-n-" + suffix;
        LifecyclePass pass = new LifecyclePass(services.jdbi(), services.tenants(), services.mapper(), Clock.systemUTC());
        Jobs.Builder builder = Jobs.on(TestDatabase.database().dataSource(), node).pollingInterval(Duration.ofMillis(200));
        LifecycleJob.nightly(pass, LifecycleSchedule.parse("02:30"), node).ifPresent(builder::recurring);
        BackupJob.nightly(backups(services, "03:45"), node).ifPresent(builder::recurring);
        assertThat(BackupJob.nightly(backups(services, "off"), node)).isEmpty();

        try (Jobs jobs = builder.start()) {
            assertThat(jobs.taskNames()).containsExactly(LifecycleJob.TASK, BackupJob.TASK);
            ZonedDateTime backupAt = nextExecution(BackupJob.TASK).atZone(ZoneId.of("Europe/Paris"));
            assertThat(backupAt.toLocalTime()).isEqualTo(LocalTime.of(3, 45));
            assertThat(backupAt.toInstant()).isAfter(java.time.Instant.now())
                    .isBefore(java.time.Instant.now().plus(Duration.ofHours(25)));
            assertThat(nextExecution(LifecycleJob.TASK).atZone(ZoneId.of("Europe/Paris")).toLocalTime())
                    .isEqualTo(LocalTime.of(2, 30));
        }
    }

    private java.time.Instant nextExecution(String task) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<java.time.LocalDateTime> at = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT execution_time FROM scheduled_tasks WHERE task_name = :task")
                    .bind("task", task).mapTo(java.time.LocalDateTime.class).findOne());
            if (at.isPresent()) {
                return at.get().toInstant(java.time.ZoneOffset.UTC); // the scheduler writes UTC
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no execution of " + task + " scheduled");
    }

    @Test
    void two_nodes_on_one_database_write_one_backup_and_record_it_once_removing_what_is_past_the_retention()
            throws IOException {
        Services second = TestDatabase.secondNode();
        Path old = Files.writeString(Files.createDirectories(dir.resolve("backups")).resolve(
                BackupWriter.PREFIX + "2020-01-01T03-30-00Z" + BackupWriter.SUFFIX), "an archive of long ago");
        String nodeA = "node-a-" + suffix;
        String nodeB = "node-b-" + suffix;
        try (Jobs a = Jobs.on(TestDatabase.database().dataSource(), nodeA)
                .recurring(BackupJob.task(backups(services, "03:30"), FixedDelay.ofHours(1), nodeA))
                .pollingInterval(Duration.ofMillis(200)).start();
             Jobs b = Jobs.on(TestDatabase.database().dataSource(), nodeB)
                     .recurring(BackupJob.task(backups(second, "03:30"), FixedDelay.ofHours(1), nodeB))
                     .pollingInterval(Duration.ofMillis(200)).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (completed(nodeA).size() + completed(nodeB).size() == 0 && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
            }
            sleep(Duration.ofSeconds(3)); // time for the other node to run it too, if it would
        }

        List<AuditEvent> runs = new java.util.ArrayList<>(completed(nodeA));
        runs.addAll(completed(nodeB));
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(TestAudit.details(run)).containsKeys("bytes", "seconds", "rows", "schemaVersion")
                    .containsEntry("removed", "1");
            assertThat(run.details()).doesNotContain("@");
        });
        List<Path> archives = BackupRetention.archives(dir.resolve("backups")).stream().map(BackupRetention.Archive::file).toList();
        assertThat(archives).singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).isEqualTo(runs.get(0).targetId()));
        assertThat(old).doesNotExist();
    }

    @Test
    void a_failed_backup_is_recorded_with_its_reason_and_leaves_no_file() {
        DumpSource good = TestBackups.source();
        DumpSource wrongPassword = new DumpSource(good.host(), good.port(), good.user(), "not-the-password",
                good.database(), good.dumpTool(), good.clientTool(), true);
        Backups backups = new Backups(new BackupSettings(Optional.empty(), 30, dir.resolve("backups"), Optional.empty()),
                Optional.of(new BackupWriter(wrongPassword, services.jdbi(), Optional.empty(), services.mapper(),
                        Clock.systemUTC())), "", services.jdbi(), new AuditLog(), StrictJson.mapper(), Clock.systemUTC());
        String actor = "test:failed-" + suffix;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backups.run(new org.dossier.audit.Actor(actor, null),
                line -> { })).isInstanceOf(BackupFailedException.class).hasMessageContaining("mariadb-dump failed")
                .hasMessageContaining("Access denied");

        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, Backups.FAILED, actor)).singleElement()
                .satisfies(event -> assertThat(TestAudit.details(event)).containsEntry("error", "BackupFailedException")
                        .containsKey("seconds"));
        assertThat(dir.resolve("backups")).isEmptyDirectory();
    }

    private List<AuditEvent> completed(String node) {
        return TestAudit.events(services, AuditLog.PLATFORM_TENANT, Backups.COMPLETED, "node:" + node);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
