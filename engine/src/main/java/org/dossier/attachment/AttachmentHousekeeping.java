package org.dossier.attachment;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hour, on the node's one scheduler ({@link org.dossier.jobs.Jobs}), one node finishes the
 * object deletions a crash left queued and removes uploads no save took within
 * {@link AttachmentService#ABANDONED_AFTER}: a server that runs for months keeps its store as
 * clean as one that restarts every night.
 */
public final class AttachmentHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentHousekeeping.class);
    public static final String TASK = "attachment-housekeeping";
    public static final Duration EVERY = Duration.ofHours(1);

    private AttachmentHousekeeping() {}

    public static RecurringTask<Void> task(AttachmentService attachments) {
        return Tasks.recurring(TASK, FixedDelay.of(EVERY)).execute((instance, context) -> {
            int finished = attachments.deletions().finish();
            int abandoned = attachments.removeAbandoned();
            if (finished + abandoned > 0) {
                LOG.info("Attachments: {} object deletion(s) finished, {} abandoned upload(s) removed", finished,
                        abandoned);
            }
        });
    }
}
