package org.dossier.db;

import org.jdbi.v3.core.Jdbi;

/** Whether the database answers and carries every migration: what a load balancer asks before sending traffic. */
public final class Readiness {
    private final Jdbi jdbi;
    private final Migrations migrations;

    public Readiness(Jdbi jdbi, Migrations migrations) {
        this.jdbi = jdbi;
        this.migrations = migrations;
    }

    /** Both answers, each {@code false} when unknown. */
    public record State(boolean database, boolean migrated) {
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
        return new State(database, migrated);
    }
}
