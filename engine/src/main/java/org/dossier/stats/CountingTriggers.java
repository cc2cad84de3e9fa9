package org.dossier.stats;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Migrations 32 and 33: the counting triggers of migration 28.1 created again as
 * {@link CountedAnswers#triggers()} now writes them. Migration 32 writes each delta by an
 * {@code INSERT … VALUES} instead of an {@code INSERT … SELECT}; migration 33 reads the answers by
 * {@code JSON_VALUE} instead of {@code JSON_UNQUOTE(JSON_EXTRACT(…))} (see there why). They count
 * exactly what they counted: the deltas already written stay as they are. Not in a transaction, as
 * MySQL commits around a trigger's creation; run again after a failure, it replaces the triggers.
 * A database that runs 32 then gets the present triggers, which 33 writes again.
 */
public final class CountingTriggers implements JavaMigration {
    private final int version;
    private final String description;

    private CountingTriggers(int version, String description) {
        this.version = version;
        this.description = description;
    }

    /** Migration 32: each delta by an {@code INSERT … VALUES}. */
    public static CountingTriggers byValues() {
        return new CountingTriggers(32, "count case files without an insert-select");
    }

    /** Migration 33: the answers read by {@code JSON_VALUE}. */
    public static CountingTriggers byJsonValue() {
        return new CountingTriggers(33, "count case files reading answers by json_value");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return version;
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
