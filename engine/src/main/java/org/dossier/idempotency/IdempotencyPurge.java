package org.dossier.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every hour, on the node's one scheduler ({@link org.dossier.jobs.Jobs}), one node removes the keys older than a day. */
public final class IdempotencyPurge {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);
    public static final String TASK = "idempotency-purge";
    public static final Duration EVERY = Duration.ofHours(1);

    private IdempotencyPurge() {}

    public static RecurringTask<Void> task(IdempotencyKeys keys) {
        return Tasks.recurring(TASK, FixedDelay.of(EVERY)).execute((instance, context) -> {
            int purged = keys.purge();
            if (purged > 0) {
                LOG.info("Idempotency keys: {} older than a day removed", purged);
            }
        });
    }
}
