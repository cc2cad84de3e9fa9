package org.dossier.stats;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Migration 32: the counting triggers of migration 28.1 created again as {@link CountedAnswers#triggers()}
 * now writes them, each delta by an {@code INSERT … VALUES} instead of an {@code INSERT … SELECT}
 * (see there why). They count exactly what they counted: the deltas already written stay as they
 * are. Not in a transaction, as MySQL commits around a trigger's creation; run again after a
 * failure, it replaces the triggers.
 */
public final class CountingTriggers implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("32");
    }

    @Override
    public String getDescription() {
        return "count case files without an insert-select";
    }

    @Override
    public Integer getChecksum() {
        return 32;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) {
        // Flyway owns the connection: the handle is not closed here.
        replace(Jdbi.open(context.getConnection()));
    }

    /** Drops the counting triggers that exist and creates {@link CountedAnswers#triggers()}. */
    static void replace(Handle handle) {
        for (String trigger : CountedAnswers.triggerNames()) {
            handle.execute("DROP TRIGGER IF EXISTS " + trigger);
        }
        CountedAnswers.triggers().forEach(handle::execute);
    }
}
