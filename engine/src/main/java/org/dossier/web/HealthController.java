package org.dossier.web;

import io.javalin.http.Context;
import java.util.Map;
import org.dossier.db.Readiness;

/** Liveness says the process runs; readiness says the database answers and is migrated. */
public final class HealthController {
    private final Readiness readiness;
    private final Json json;

    public HealthController(Readiness readiness, Json json) {
        this.readiness = readiness;
        this.json = json;
    }

    public void live(Context ctx) {
        json.respond(ctx, 200, Map.of("status", "up"));
    }

    public void ready(Context ctx) {
        Readiness.State state = readiness.check();
        json.respond(ctx, state.ready() ? 200 : 503, Map.of("status", state.ready() ? "ready" : "unavailable",
                "database", state.database(), "migrations", state.migrated(), "attachments", state.attachments()));
    }
}
