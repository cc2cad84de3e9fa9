package org.dossier.stats;

import org.dossier.form.FormService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Migration 28.1: creates the triggers that count case files as they are written
 * ({@link CountedAnswers#triggers()}), then a delta for every case file already there, which the
 * first fold adds into the counts. Triggers first: on a database written meanwhile, nothing goes
 * uncounted. Not in a transaction, as MySQL commits around a trigger's creation; run again after a
 * failure, it starts over (triggers replaced, deltas written anew).
 *
 * <p>On MySQL with binary logging, creating a trigger takes the SUPER privilege or
 * {@code log_bin_trust_function_creators = 1} (see the README's production section).
 */
public final class CountExistingCaseFiles implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("28.1");
    }

    @Override
    public String getDescription() {
        return "count case files for the statistics";
    }

    @Override
    public Integer getChecksum() {
        return 281;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) {
        // Flyway owns the connection: the handle is not closed here.
        Handle handle = Jdbi.open(context.getConnection());
        CountingTriggers.replace(handle);
        handle.execute("DELETE FROM statistics_deltas /* all tenants */");
        handle.execute("DELETE FROM statistics_counts /* all tenants */");
        handle.createUpdate("""
                        INSERT INTO statistics_deltas (tenant_id, sign, last_activity_at, created_at, answers)
                        SELECT /* all tenants */ r.tenant_id, 1, r.last_activity_at, r.created_at, <answers>
                          FROM records r WHERE r.form_key = :form
                        """)
                .define("answers", CountedAnswers.expression("r"))
                .bind("form", FormService.CASE_FILE).execute();
    }
}
