package org.dossier.imports;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hour, on the node's one scheduler ({@link org.dossier.jobs.Jobs}), removes the uploaded
 * files no import will read (see {@link RecordImports#removeIdleFiles}): a dry run never followed
 * by its import does not keep a service's data on disk for ever.
 */
public final class ImportHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(ImportHousekeeping.class);
    public static final String TASK = "import-housekeeping";
    public static final Duration EVERY = Duration.ofHours(1);

    private ImportHousekeeping() {}

    public static RecurringTask<Void> task(RecordImports imports) {
        return Tasks.recurring(TASK, FixedDelay.of(EVERY)).execute((instance, context) -> {
            int removed = imports.removeIdleFiles();
            if (removed > 0) {
                LOG.info("Imports: {} idle file(s) removed", removed);
            }
        });
    }
}
