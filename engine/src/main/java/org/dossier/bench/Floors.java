package org.dossier.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.db.Database;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.web.records.NewCaseFileModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The floors of the read scenarios: bare Javalin endpoints doing only the unavoidable part of a
 * request, so that each engine figure can be read as a fraction of what this stack can do at all.
 * <ul>
 *   <li>render floor: the new-case-file page from the engine's own templates and a view model
 *       built once, before the run (no session, no database, no schema work per request);</li>
 *   <li>read floor: one case-file row read by primary key on the engine's pool, plain JDBC,
 *       answered as JSON (no authentication, no access check, no audit, no decryption).</li>
 * </ul>
 * The submit's floor, two inserts behind a bare endpoint, is {@code floor} in {@link Benchmark}.
 */
final class Floors {
    static final String RENDER_PATH = "/render-floor/";
    static final String READ_PATH = "/read-floor/";

    /** How each floor is driven: the same clients and times as the engine scenarios. */
    record Settings(int clients, double warmup, double seconds) {}

    private Floors() {}

    /** The render floor over {@code loaded}'s services, one model per service built before the run. */
    static Latencies render(Services services, List<Tenant> loaded, Settings settings) throws Exception {
        PebbleTemplates templates = new PebbleTemplates();
        long idleSeconds = services.sessions().idleTimeout().toSeconds();
        List<Map<String, Object>> models = loaded.stream()
                .map(tenant -> NewCaseFileModel.of(services, tenant, Locale.FRENCH, true, "Bench caseworker",
                        "bench-csrf-token-not-checked", idleSeconds))
                .toList();
        return serve(RENDER_PATH + "{tenant}", ctx -> {
            Map<String, Object> model = models.get(Integer.parseInt(ctx.pathParam("tenant")));
            templates.respond(ctx, "pages/record-form", model, Locale.FRENCH);
        }, http -> Workload.run("render floor (bare page)", settings.clients(), settings.warmup(), settings.seconds(),
                (thread, i) -> http.get(RENDER_PATH + ((thread + i) % loaded.size()), 200)));
    }

    /** The read floor: the same case files as the engine's view and API read scenarios. */
    static Latencies read(Services services, Database database, List<Tenant> loaded, List<List<String>> ids,
                          Settings settings) throws Exception {
        return serve(READ_PATH + "{tenant}/{id}", ctx -> {
            Tenant tenant = loaded.get(Integer.parseInt(ctx.pathParam("tenant")));
            RecordId id = RecordId.parse(ctx.pathParam("id")).orElseThrow();
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement("""
                         SELECT form_key, schema_version, data, lock_version, created_at, created_by, updated_at,
                                updated_by, last_activity_at
                           FROM records WHERE tenant_id = ? AND id = ?""")) {
                select.setLong(1, tenant.id().value());
                select.setBytes(2, id.toBytes());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        ctx.status(404);
                        return;
                    }
                    ObjectNode body = services.mapper().createObjectNode();
                    body.put("id", id.toString());
                    body.put("form", row.getString("form_key"));
                    body.put("version", row.getInt("lock_version"));
                    body.put("schemaVersion", row.getInt("schema_version"));
                    body.set("data", services.mapper().readTree(row.getString("data")));
                    body.put("createdAt", row.getTimestamp("created_at").toInstant().toString());
                    body.put("createdBy", row.getString("created_by"));
                    body.put("updatedAt", row.getTimestamp("updated_at").toInstant().toString());
                    body.put("updatedBy", row.getString("updated_by"));
                    body.put("lastActivityAt", row.getTimestamp("last_activity_at").toInstant().toString());
                    ctx.contentType("application/json").result(services.mapper().writeValueAsBytes(body));
                }
            }
        }, http -> Workload.run("read floor (bare row read)", settings.clients(), settings.warmup(), settings.seconds(),
                (thread, i) -> {
                    int t = (int) ((thread + i) % loaded.size());
                    List<String> tenantIds = ids.get(t);
                    http.get(READ_PATH + t + "/" + tenantIds.get((int) ((i * 7919 + thread) % tenantIds.size())), 200);
                }));
    }

    private interface Run {
        Latencies on(BenchHttp http) throws Exception;
    }

    /** Starts a bare Javalin with {@code handler} alone on {@code path}, runs, stops it. */
    private static Latencies serve(String path, Handler handler, Run run) throws Exception {
        Javalin bare = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get(path, handler);
        }).start("127.0.0.1", 0);
        try {
            return run.on(new BenchHttp(bare.port()));
        } finally {
            bare.stop();
        }
    }
}
