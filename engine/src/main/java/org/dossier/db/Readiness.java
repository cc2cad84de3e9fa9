package org.dossier.db;

import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether the database answers and carries every migration: what a load balancer asks before sending
 * traffic. The attachment store's answer is reported beside them but does not decide: a store that is
 * down fails uploads and downloads on every node alike, and taking every node out would also stop the
 * case files that need no attachment.
 */
public final class Readiness {
    private final Jdbi jdbi;
    private final Migrations migrations;
    private final BooleanSupplier attachments;

    public Readiness(Jdbi jdbi, Migrations migrations) {
        this(jdbi, migrations, () -> true);
    }

    /** @param attachments whether the attachment store answers, quickly and without throwing */
    public Readiness(Jdbi jdbi, Migrations migrations, BooleanSupplier attachments) {
        this.jdbi = jdbi;
        this.migrations = migrations;
        this.attachments = attachments;
    }

    /** The answers, each {@code false} when unknown. */
    public record State(boolean database, boolean migrated, boolean attachments) {
        public State(boolean database, boolean migrated) {
            this(database, migrated, true);
        }

        public boolean ready() {
            return database && migrated;
        }
    }

    /** Never throws: a database that cannot be reached is simply not ready. */
    public State check() {
        boolean database;
        boolean migrated = false;
        try {
            database = jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
            migrated = database && migrations.upToDate();
        } catch (RuntimeException e) {
            database = false;
        }
        return new State(database, migrated, attachments.getAsBoolean());
    }
}
