package org.dossier.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's one scheduler, started and stopped with the server. Features hand it their tasks
 * before it starts (db-scheduler needs to know every task it may pick); recurring tasks are
 * scheduled on first start and run once across all nodes sharing the database.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** How often a node looks for due executions in production. */
    public static final Duration POLLING = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final List<String> taskNames;

    private Jobs(Scheduler scheduler, List<String> taskNames) {
        this.scheduler = scheduler;
        this.taskNames = taskNames;
    }

    public static Builder on(DataSource dataSource, String node) {
        return new Builder(dataSource, node);
    }

    /** The names of the tasks this node's scheduler knows. */
    public List<String> taskNames() {
        return taskNames;
    }

    /** Stops polling and waits (a minute at most) for running tasks; a task cut short is picked again later. */
    @Override
    public void close() {
        scheduler.stop();
    }

    /** The tasks of the node, gathered before the start. */
    public static final class Builder {
        private final DataSource dataSource;
        private final String node;
        private final List<RecurringTask<?>> recurring = new ArrayList<>();
        private final List<Task<?>> onDemand = new ArrayList<>();
        private Duration pollingInterval = POLLING;

        private Builder(DataSource dataSource, String node) {
            this.dataSource = dataSource;
            this.node = node;
        }

        /** A task on a schedule of its own (the nightly ones). */
        public Builder recurring(RecurringTask<?> task) {
            recurring.add(task);
            return this;
        }

        /** A task scheduled when something asks for it (an import, an export), by its instance id. */
        public Builder onDemand(Task<?> task) {
            onDemand.add(task);
            return this;
        }

        /** The tests poll fast. */
        public Builder pollingInterval(Duration interval) {
            this.pollingInterval = interval;
            return this;
        }

        public Jobs start() {
            Scheduler scheduler = Scheduler.create(dataSource, List.copyOf(onDemand))
                    .startTasks(List.copyOf(recurring))
                    .schedulerName(new SchedulerName.Fixed(node))
                    .threads(2)
                    .pollingInterval(pollingInterval)
                    .shutdownMaxWait(Duration.ofMinutes(1))
                    .alwaysPersistTimestampInUTC() // DATETIME columns hold UTC, like the rest of the schema
                    .build();
            scheduler.start();
            List<String> names = new ArrayList<>();
            recurring.forEach(task -> names.add(task.getName()));
            onDemand.forEach(task -> names.add(task.getName()));
            LOG.info("Jobs of node {}: {}", node, names);
            return new Jobs(scheduler, List.copyOf(names));
        }
    }

    /**
     * Schedules one instance of an on-demand task to run now, on whichever node's scheduler picks
     * it first (that node must have the task, see {@link Builder#onDemand}). Only a connection is
     * needed: the web layer and the command line schedule without a running scheduler. An instance
     * already scheduled under that id is left as it is.
     *
     * @return whether it was scheduled now (false: it already was)
     */
    public static boolean scheduleNow(DataSource dataSource, Task<?> task, String instanceId) {
        SchedulerClient client = SchedulerClient.Builder.create(dataSource, task)
                // Timestamps in UTC, as the scheduler writes and reads them (see Builder#start).
                .jdbcCustomization(new AutodetectJdbcCustomization(dataSource, true))
                .build();
        return client.scheduleIfNotExists(task.instance(instanceId), java.time.Instant.now());
    }

    /** This node's name in the job table (at most 50 characters): host and process. */
    public static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String name = host + "-" + ProcessHandle.current().pid();
        return name.length() <= 50 ? name : name.substring(name.length() - 50);
    }
}
