package org.dossier.backup;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.ZoneId;
import java.util.Optional;
import org.dossier.audit.Actor;
import org.dossier.metrics.ProductMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly backup as a task of the node's one scheduler ({@link org.dossier.jobs.Jobs}): one node
 * of those sharing the database picks the night's execution and writes the archive.
 */
public final class BackupJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);
    public static final String TASK = "backup";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private BackupJob() {}

    /** The nightly task at the configured time in Paris; none when switched off or when this installation is not backed up here. */
    public static Optional<RecurringTask<Void>> nightly(Backups backups, String node) {
        return nightly(backups, node, ProductMetrics.none());
    }

    /** As above, counting backups by outcome and the time of the last one that succeeded. */
    public static Optional<RecurringTask<Void>> nightly(Backups backups, String node, ProductMetrics metrics) {
        if (backups.settings().at().isEmpty()) {
            LOG.info("Nightly backup switched off (DOSSIER_BACKUP_AT=off)");
            return Optional.empty();
        }
        if (backups.unavailable().isPresent()) {
            LOG.info("No nightly backup: {}", backups.unavailable().get());
            return Optional.empty();
        }
        LOG.info("Nightly backup at {} (Paris time) into {}, kept {} days", backups.settings().at().get(),
                backups.settings().directory(), backups.settings().keepDays());
        return Optional.of(task(backups, new Daily(PARIS, backups.settings().at().get()), node, metrics));
    }

    /** The task on any schedule (the tests run it at once). */
    public static RecurringTask<Void> task(Backups backups, Schedule schedule, String node) {
        return task(backups, schedule, node, ProductMetrics.none());
    }

    /** As above, counting each backup as a success or a failure. */
    public static RecurringTask<Void> task(Backups backups, Schedule schedule, String node, ProductMetrics metrics) {
        return Tasks.recurring(TASK, schedule).execute((instance, context) -> {
            try {
                backups.run(Actor.system("node:" + node), line -> LOG.info("Backup: {}", line));
                metrics.backupSucceeded();
            } catch (RuntimeException e) {
                metrics.backupFailed();
                throw e;
            }
        });
    }
}
