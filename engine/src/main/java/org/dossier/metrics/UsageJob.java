package org.dossier.metrics;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The measure of every service's usage as a task of the node's one scheduler: one node measures, all read. */
public final class UsageJob {
    private static final Logger LOG = LoggerFactory.getLogger(UsageJob.class);
    public static final String TASK = "service-usage";
    public static final Duration EVERY = Duration.ofMinutes(15);

    private UsageJob() {}

    /** Every {@link #EVERY}. */
    public static RecurringTask<Void> task(Metrics metrics) {
        return task(metrics, FixedDelay.of(EVERY));
    }

    /** On any schedule (the tests run it every second). */
    public static RecurringTask<Void> task(Metrics metrics, Schedule schedule) {
        return Tasks.recurring(TASK, schedule).execute((instance, context) ->
                LOG.debug("Usage of {} service(s) measured", metrics.measureUsage()));
    }
}
