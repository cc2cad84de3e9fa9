package org.dossier.db;

import javax.sql.DataSource;
import org.dossier.audit.ChainAppendTrigger;
import org.dossier.audit.ChainExistingEvents;
import org.dossier.stats.CountExistingCaseFiles;
import org.dossier.stats.CountingTriggers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Applies and inspects the forward-only Flyway migrations under {@code db/migration}. */
public final class Migrations {
    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .javaMigrations(new ChainExistingEvents(), new CountExistingCaseFiles(), new ChainAppendTrigger(),
                        CountingTriggers.byValues(), CountingTriggers.byJsonValue())
                .load();
    }

    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** True when every known migration has been applied and none failed. */
    public boolean upToDate() {
        MigrationInfo[] pending = flyway.info().pending();
        MigrationInfo[] applied = flyway.info().applied();
        return pending.length == 0 && applied.length > 0
                && java.util.Arrays.stream(applied).allMatch(info -> info.getState().isApplied() && !info.getState().isFailed());
    }
}
