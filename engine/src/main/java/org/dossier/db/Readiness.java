package org.dossier.db;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether the database answers and carries every migration: what a load balancer asks before sending
 * traffic. It answers within a second whatever the database does: at once when the node already
 * knows the database is away ({@link DatabaseHealth}) or the node is draining, else after a check
 * given {@link #CHECK_MILLIS} ms (a pool that waits for a dead server would otherwise hold it 5 s).
 */
public final class Readiness {
    static final long CHECK_MILLIS = 800;
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dossier-readiness-check");
        thread.setDaemon(true);
        return thread;
    });

    private final Jdbi jdbi;
    private final Migrations migrations;
    private final DatabaseHealth health;
    private volatile boolean draining;
    private volatile boolean migratedSeen;

    public Readiness(Jdbi jdbi, Migrations migrations, DatabaseHealth health) {
        this.jdbi = jdbi;
        this.migrations = migrations;
        this.health = health;
    }

    /** Both answers, each {@code false} when unknown, and whether the node is shutting down. */
    public record State(boolean database, boolean migrated, boolean draining) {
        public boolean ready() {
            return database && migrated && !draining;
        }
    }

    /** Never throws: a database that cannot be reached is simply not ready. */
    public State check() {
        if (health.down()) {
            return new State(false, false, draining);
        }
        CompletableFuture<State> check = CompletableFuture.supplyAsync(this::ask, CHECKS);
        try {
            return check.get(CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return new State(false, false, draining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(false, false, draining);
        }
    }

    private State ask() {
        boolean database;
        boolean migrated = false;
        try {
            database = jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
            // Flyway's check reads every migration script: once true, it stays true for this process
            // (a schema only moves forward), and each later check is one SELECT within its budget.
            migrated = database && (migratedSeen || (migratedSeen = migrations.upToDate()));
        } catch (RuntimeException e) {
            database = false;
        }
        return new State(database, migrated, draining);
    }

    /** From now on the node says it is not ready: it is stopping and finishes what it has. */
    public void drain() {
        draining = true;
    }

    /** Whether the process can still recover by itself: false once its database could not be restarted. */
    public boolean live() {
        return !health.failed();
    }

    /** Known to be away: a request is answered 503 at once rather than waiting for a connection. */
    public boolean databaseDown() {
        return health.down();
    }
}
