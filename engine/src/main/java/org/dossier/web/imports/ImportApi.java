package org.dossier.web.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.form.FormService;
import org.dossier.imports.ImportMapping;
import org.dossier.imports.ImportOptions;
import org.dossier.imports.ImportRun;
import org.dossier.imports.RecordImports;
import org.dossier.web.Json;
import org.dossier.web.Multipart;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;

/**
 * The import API. {@code POST …/records/imports} takes the file (multipart {@code file}, or the
 * body itself with {@code ?fileName=x.csv}) and the options as query parameters ({@code dryRun}
 * true unless {@code false}, {@code externalId}, {@code existing=update|skip}, {@code allOrNothing});
 * the columns map by the service's saved mapping, then by key or label. A dry run answers its
 * report at once (200); an import is queued (202) and {@code GET …/imports/{id}} follows it.
 */
public final class ImportApi {
    private final RecordImports imports;
    private final Json json;

    public ImportApi(RecordImports imports, Json json) {
        this.imports = imports;
        this.json = json;
    }

    public void create(Context ctx, TenantAccess access) throws IOException {
        Locale locale = RequestLocale.of(ctx);
        ImportRun run;
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            UploadedFile file;
            try {
                file = ctx.uploadedFile("file");
            } catch (Exception e) {
                throw Multipart.refusal(e);
            }
            if (file == null) {
                throw new DomainException("importMalformedFile", 400, "no file part");
            }
            try (InputStream content = file.content()) {
                run = imports.upload(access.tenant().id(), FormService.CASE_FILE, file.filename(), content, Long.MAX_VALUE,
                        RequestContext.actor(ctx));
            }
        } else {
            String fileName = Optional.ofNullable(ctx.queryParam("fileName")).orElse("import."
                    + Optional.ofNullable(ctx.queryParam("format")).orElse("csv"));
            // Bounded while it streams: a chunked body declares no length the before-handler could refuse.
            try (InputStream content = org.dossier.web.UploadLimit.boundedBody(ctx)) {
                run = imports.upload(access.tenant().id(), FormService.CASE_FILE, fileName, content, Long.MAX_VALUE,
                        RequestContext.actor(ctx));
            }
        }
        boolean dryRun = !"false".equals(ctx.queryParam("dryRun"));
        ImportMapping mapping = imports.mapping(access.tenant().id(), run.id(), locale);
        ImportOptions options = new ImportOptions(mapping, Optional.ofNullable(ctx.queryParam("externalId"))
                .filter(column -> !column.isBlank()),
                "update".equals(ctx.queryParam("existing")) ? ImportOptions.Existing.UPDATE : ImportOptions.Existing.SKIP,
                "true".equals(ctx.queryParam("allOrNothing")), locale);
        if (dryRun) {
            imports.start(access.tenant().id(), run.id(), ImportRun.Mode.DRY_RUN, options, RequestContext.actor(ctx), false);
            ImportRun checked = imports.execute(access.tenant().id(), run.id(), RecordImports.Progress.NONE);
            json.respond(ctx, 200, body(access, checked));
        } else {
            ImportRun started = imports.start(access.tenant().id(), run.id(), ImportRun.Mode.IMPORT, options,
                    RequestContext.actor(ctx));
            ctx.header("Location", path(access, started.id()));
            json.respond(ctx, 202, body(access, started));
        }
    }

    public void get(Context ctx, TenantAccess access) {
        json.respond(ctx, 200, body(access, imports.find(access.tenant().id(), ImportPages.id(ctx))));
    }

    private ObjectNode body(TenantAccess access, ImportRun run) {
        ObjectNode body = json.mapper().createObjectNode();
        body.put("id", run.id()).put("form", run.formKey()).put("fileName", run.fileName())
                .put("mode", run.mode().name().toLowerCase(Locale.ROOT))
                .put("status", run.status().name().toLowerCase(Locale.ROOT));
        ImportRun.Totals totals = run.totals();
        body.putObject("totals").put("rows", totals.rows()).put("valid", totals.valid()).put("invalid", totals.invalid())
                .put("new", totals.fresh()).put("existing", totals.existing()).put("done", totals.done());
        ArrayNode errors = body.putArray("errors");
        imports.problems(access.tenant().id(), run.id(), ImportPages.SHOWN).forEach(problem -> errors.addObject()
                .put("row", problem.row()).put("field", problem.field()).put("value", problem.value())
                .put("message", problem.message()));
        run.postCheck().ifPresent(check -> body.set("postCheck", check));
        body.put("errorsCsv", path(access, run.id()) + "/errors.csv");
        return body;
    }

    private static String path(TenantAccess access, long id) {
        return "/api/v1/tenants/" + access.tenant().slug() + "/records/imports/" + id;
    }
}
