/**
 * The platform's one job mechanism: a db-scheduler {@link com.github.kagkarlsson.scheduler.Scheduler}
 * per node on the {@code scheduled_tasks} table, on which features register their tasks (the
 * nightly lifecycle pass, the nightly backup, later long imports and exports). A task's execution
 * is picked by one node only; a node that dies mid-task leaves a stale heartbeat that lets another
 * node run it again.
 */
package org.dossier.jobs;
