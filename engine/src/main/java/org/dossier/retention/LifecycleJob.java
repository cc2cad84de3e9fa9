package org.dossier.retention;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly lifecycle pass on db-scheduler, the platform's one job mechanism: every node runs a
 * scheduler on the {@code scheduled_tasks} table; one of them picks the night's execution, and if
 * it dies mid-pass its stale heartbeat lets another node run it again (the pass then finishes
 * what is left). Started and stopped with the server; stopping waits for a running pass.
 */
public final class LifecycleJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
    public static final String TASK = "lifecycle-pass";

    private final Scheduler scheduler;

    private LifecycleJob(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The nightly job at the configured time in Paris, or none when switched off. */
    public static Optional<LifecycleJob> start(DataSource dataSource, LifecyclePass pass, LifecycleSchedule schedule,
                                               String node) {
        if (schedule.at().isEmpty()) {
            LOG.info("Nightly lifecycle pass switched off (DOSSIER_LIFECYCLE_AT=off)");
            return Optional.empty();
        }
        LOG.info("Nightly lifecycle pass at {} (Paris time)", schedule.at().get());
        return Optional.of(start(dataSource, pass, new Daily(Retention.ZONE, schedule.at().get()), node,
                Duration.ofSeconds(30)));
    }

    /** A job on any schedule, polling at the given interval (the tests poll fast). */
    public static LifecycleJob start(DataSource dataSource, LifecyclePass pass, Schedule schedule, String node,
                                     Duration pollingInterval) {
        RecurringTask<Void> task = Tasks.recurring(TASK, schedule)
                .execute((instance, context) -> pass.run("node:" + node, LifecyclePass.Progress.NONE));
        Scheduler scheduler = Scheduler.create(dataSource)
                .startTasks(task)
                .schedulerName(new SchedulerName.Fixed(node))
                .threads(1)
                .pollingInterval(pollingInterval)
                .shutdownMaxWait(Duration.ofMinutes(1))
                .alwaysPersistTimestampInUTC() // DATETIME columns hold UTC, like the rest of the schema
                .build();
        scheduler.start();
        return new LifecycleJob(scheduler);
    }

    /** Stops polling and waits (a minute at most) for a running pass; a pass cut short is finished by the next. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
