package org.dossier.web;

import io.javalin.http.Context;
import java.util.Map;
import org.dossier.attachment.AttachmentStore;
import org.dossier.db.Readiness;

/**
 * Liveness says the process runs; readiness says the database answers and is migrated. Readiness also
 * reports whether the attachment store answers (a check of about a second at most), without letting it
 * decide: a store that is down fails uploads and downloads on every node alike, and taking every node
 * out of the load balancer would also stop the work that needs no file.
 */
public final class HealthController {
    private final Readiness readiness;
    private final AttachmentStore attachments;
    private final Json json;

    public HealthController(Readiness readiness, AttachmentStore attachments, Json json) {
        this.readiness = readiness;
        this.attachments = attachments;
        this.json = json;
    }

    public void live(Context ctx) {
        json.respond(ctx, 200, Map.of("status", "up"));
    }

    public void ready(Context ctx) {
        Readiness.State state = readiness.check();
        json.respond(ctx, state.ready() ? 200 : 503, Map.of("status", state.ready() ? "ready" : "unavailable",
                "database", state.database(), "migrations", state.migrated(), "attachments", attachments.reachable()));
    }
}
