package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.AuditLog;
import org.dossier.json.StrictJson;
import org.dossier.metrics.ProductMetrics;
import org.dossier.retention.LifecycleJob;
import org.dossier.retention.LifecyclePass;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The nightly tasks count their runs by outcome in the metrics: what an alert on a failed night reads. */
@Tag("integration")
class JobMetricsTest {
    private Services services;
    private ProductMetrics metrics;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        services = TestDatabase.services();
        metrics = services.metrics().product();
        dir = Files.createTempDirectory("dossier-job-metrics");
    }

    @AfterEach
    void tearDown() {
        TestFiles.deleteRecursively(dir);
    }

    private double count(String name, String outcome) {
        return services.metrics().registry().find(name).tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private Backups backups(Optional<BackupWriter> writer) {
        return new Backups(new BackupSettings(Optional.empty(), 30, dir.resolve("backups"), Optional.empty()), writer,
                "no dump tool here", services.jdbi(), new AuditLog(), StrictJson.mapper(), Clock.systemUTC());
    }

    @Test
    void a_backup_that_fails_and_one_that_succeeds_are_counted_apart_and_the_success_is_timed() {
        double failures = count("dossier.backups", "failure");
        double successes = count("dossier.backups", "success");

        assertThatThrownBy(() -> BackupJob.task(backups(Optional.empty()), FixedDelay.ofHours(1), "node-m", metrics)
                .executeRecurringly(null, null)).isInstanceOf(BackupFailedException.class);
        assertThat(count("dossier.backups", "failure")).isEqualTo(failures + 1);

        long before = java.time.Instant.now().getEpochSecond();
        BackupWriter writer = new BackupWriter(TestBackups.source(), services.jdbi(), Optional.empty(), services.mapper(),
                Clock.systemUTC());
        BackupJob.task(backups(Optional.of(writer)), FixedDelay.ofHours(1), "node-m", metrics)
                .executeRecurringly(null, null);

        assertThat(count("dossier.backups", "success")).isEqualTo(successes + 1);
        assertThat(services.metrics().registry().get("dossier.backup.last_success").gauge().value())
                .isGreaterThanOrEqualTo(before);
    }

    @Test
    void a_lifecycle_run_is_counted_by_its_outcome() {
        double finished = count("dossier.lifecycle.runs", "finished");
        LifecyclePass pass = new LifecyclePass(services.jdbi(), List::of, services.mapper(), Clock.systemUTC(),
                new org.dossier.retention.PassLock(services.jdbi()), 100);

        LifecycleJob.task(pass, FixedDelay.ofHours(1), "node-m", metrics).executeRecurringly(null, null);

        assertThat(count("dossier.lifecycle.runs", "finished")).isEqualTo(finished + 1);
    }
}
