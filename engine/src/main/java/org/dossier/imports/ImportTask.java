package org.dossier.imports;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import javax.sql.DataSource;
import org.dossier.jobs.Jobs;
import org.dossier.tenant.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An import (or its dry run) as an on-demand task of the node's scheduler, one instance per run
 * ({@code <tenant id>:<run id>}): whichever node picks it runs it, and a node killed in the middle
 * leaves a dead execution that the scheduler revives, which resumes after the last committed batch.
 */
public final class ImportTask {
    private static final Logger LOG = LoggerFactory.getLogger(ImportTask.class);
    public static final String NAME = "records-import";

    private ImportTask() {}

    /** The task the node's scheduler runs. A run that fails is marked FAILED and left for the admin to resume. */
    public static OneTimeTask<Void> task(RecordImports imports) {
        return Tasks.oneTime(NAME).execute((instance, context) -> {
            String[] ids = instance.getId().split(":", 2);
            try {
                imports.execute(new TenantId(Long.parseLong(ids[0])), Long.parseLong(ids[1]), RecordImports.Progress.NONE);
            } catch (RuntimeException e) {
                LOG.warn("Import task {} failed: {}", instance.getId(), e.getClass().getSimpleName());
            }
        });
    }

    /** Schedules a started run on the database the nodes share; no scheduler of this process needed. */
    public static RecordImports.Launcher launcher(DataSource dataSource) {
        OneTimeTask<Void> descriptor = Tasks.oneTime(NAME).execute((instance, context) -> {});
        return (tenantId, runId) -> Jobs.scheduleNow(dataSource, descriptor, tenantId.value() + ":" + runId);
    }
}
