package org.dossier.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dossier.attachment.AttachmentStore;
import org.dossier.db.Readiness;

/**
 * Liveness says the process runs; readiness says the database answers and is migrated. Readiness also
 * reports whether the attachment store answers (a check of about a second at most), without letting it
 * decide: a store that is down fails uploads and downloads on every node alike, and taking every node
 * out of the load balancer would also stop the work that needs no file.
 */
public final class HealthController {
    private static final long STORE_MILLIS = 900;
    private static final ExecutorService STORE_CHECKS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dossier-store-check");
        thread.setDaemon(true);
        return thread;
    });

    private final Readiness readiness;
    private final AttachmentStore attachments;
    private final Json json;

    public HealthController(Readiness readiness, AttachmentStore attachments, Json json) {
        this.readiness = readiness;
        this.attachments = attachments;
        this.json = json;
    }

    /** 503 only when the process cannot recover by itself (its embedded database could not be restarted). */
    public void live(Context ctx) {
        boolean live = readiness.live();
        json.respond(ctx, live ? 200 : 503, Map.of("status", live ? "up" : "down"));
    }

    /** Within a second: the store is asked while the database is, and not waited for beyond {@value #STORE_MILLIS} ms. */
    public void ready(Context ctx) {
        CompletableFuture<Boolean> store = CompletableFuture.supplyAsync(attachments::reachable, STORE_CHECKS)
                .completeOnTimeout(false, STORE_MILLIS, TimeUnit.MILLISECONDS);
        Readiness.State state = readiness.check();
        json.respond(ctx, state.ready() ? 200 : 503, Map.of("status", state.ready() ? "ready" : "unavailable",
                "database", state.database(), "migrations", state.migrated(), "draining", state.draining(),
                "attachments", store.join()));
    }
}
