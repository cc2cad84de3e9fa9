package org.dossier.web;

import io.javalin.http.Context;
import java.util.Map;
import org.dossier.db.Migrations;
import org.jdbi.v3.core.Jdbi;

/** Liveness says the process runs; readiness says the database answers and is migrated. */
public final class HealthController {
    private final Jdbi jdbi;
    private final Migrations migrations;
    private final Json json;

    public HealthController(Jdbi jdbi, Migrations migrations, Json json) {
        this.jdbi = jdbi;
        this.migrations = migrations;
        this.json = json;
    }

    public void live(Context ctx) {
        json.respond(ctx, 200, Map.of("status", "up"));
    }

    public void ready(Context ctx) {
        boolean database;
        boolean migrated = false;
        try {
            database = jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
            migrated = database && migrations.upToDate();
        } catch (RuntimeException e) {
            database = false;
        }
        boolean ready = database && migrated;
        json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "unavailable",
                "database", database, "migrations", migrated));
    }
}
