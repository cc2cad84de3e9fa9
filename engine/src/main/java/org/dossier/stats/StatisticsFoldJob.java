package org.dossier.stats;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The statistics' deltas folded into their counts as a task of the node's one scheduler, on one node at a time. */
public final class StatisticsFoldJob {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsFoldJob.class);
    public static final String TASK = "statistics-fold";
    public static final Duration EVERY = Duration.ofMinutes(10);

    private StatisticsFoldJob() {}

    /** Every {@link #EVERY}. */
    public static RecurringTask<Void> task(PlatformStatistics statistics) {
        return task(statistics, FixedDelay.of(EVERY));
    }

    /** On any schedule. */
    public static RecurringTask<Void> task(PlatformStatistics statistics, Schedule schedule) {
        return Tasks.recurring(TASK, schedule).execute((instance, context) -> {
            long folded = statistics.foldAll();
            if (folded > 0) {
                LOG.info("Statistics: {} change(s) added to the counts", folded);
            }
        });
    }
}
