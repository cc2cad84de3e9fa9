package org.dossier.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.attachment.AttachmentHousekeeping;
import org.dossier.backup.BackupJob;
import org.dossier.retention.LifecycleJob;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The server starts one scheduler, which carries the nightly lifecycle pass, the nightly backup and the attachments' housekeeping. */
/* Tagged "embedded", not "integration": it starts its own embedded MariaDB, so the MySQL 8 run has nothing to add. */
@Tag("embedded")
class ServerJobsTest {

    @Test
    void the_server_s_one_scheduler_carries_the_lifecycle_pass_the_backup_and_the_usage_measure() throws Exception {
        Path dataDir = Files.createTempDirectory("dossier-jobs");
        Config config = new Config(0, dataDir, Optional.empty(), "root", "", 4, Config.ONE_MIB,
                new Config.Accounts(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(30),
                        Duration.ofHours(12)));
        try (Server server = Server.start(config, false)) {
            assertThat(server.jobNames()).containsExactly(LifecycleJob.TASK, BackupJob.TASK,
                    AttachmentHousekeeping.TASK, org.dossier.metrics.UsageJob.TASK,
                    org.dossier.idempotency.IdempotencyPurge.TASK, org.dossier.imports.ImportHousekeeping.TASK,
                    org.dossier.stats.StatisticsFoldJob.TASK,
                    org.dossier.imports.ImportTask.NAME);
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
    }
}
