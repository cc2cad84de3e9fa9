package org.dossier.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.util.Optional;
import org.dossier.metrics.ProductMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly lifecycle pass as a task of the node's one scheduler ({@link org.dossier.jobs.Jobs}):
 * one node picks the night's execution, and if it dies mid-pass its stale heartbeat lets another
 * node run it again (the pass then finishes what is left).
 */
public final class LifecycleJob {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
    public static final String TASK = "lifecycle-pass";

    private LifecycleJob() {}

    /** The nightly task at the configured time in Paris, or none when switched off. */
    public static Optional<RecurringTask<Void>> nightly(LifecyclePass pass, LifecycleSchedule schedule, String node) {
        return nightly(pass, schedule, node, ProductMetrics.none());
    }

    /** As above, counting each run by its outcome and the case files it deleted. */
    public static Optional<RecurringTask<Void>> nightly(LifecyclePass pass, LifecycleSchedule schedule, String node,
                                                        ProductMetrics metrics) {
        if (schedule.at().isEmpty()) {
            LOG.info("Nightly lifecycle pass switched off (DOSSIER_LIFECYCLE_AT=off)");
            return Optional.empty();
        }
        LOG.info("Nightly lifecycle pass at {} (Paris time)", schedule.at().get());
        return Optional.of(task(pass, new Daily(Retention.ZONE, schedule.at().get()), node, metrics));
    }

    /** The task on any schedule (the tests run it every few seconds). */
    public static RecurringTask<Void> task(LifecyclePass pass, Schedule schedule, String node) {
        return task(pass, schedule, node, ProductMetrics.none());
    }

    /** As above, counting runs and deletions; a run that throws counts as failed, one another pass held off as skipped. */
    public static RecurringTask<Void> task(LifecyclePass pass, Schedule schedule, String node, ProductMetrics metrics) {
        return Tasks.recurring(TASK, schedule).execute((instance, context) -> {
            try {
                pass.run("node:" + node, LifecyclePass.Progress.NONE).ifPresentOrElse(
                        run -> metrics.lifecycleRun(run.outcome(), run.deleted()),
                        () -> metrics.lifecycleRun("skipped", 0));
            } catch (RuntimeException e) {
                metrics.lifecycleRun("failed", 0);
                throw e;
            }
        });
    }
}
