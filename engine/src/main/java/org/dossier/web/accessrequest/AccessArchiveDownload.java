package org.dossier.web.accessrequest;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.dossier.account.TenantAccess;
import org.dossier.accessrequest.AccessArchive;
import org.dossier.accessrequest.AccessExport;
import org.dossier.accessrequest.AccessExportJson;
import org.dossier.record.RecordId;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;

/**
 * {@code GET …/records/{id}/access.zip}: the access export's JSON document with the bytes of the
 * case file's files, audited as the JSON one ({@code record.access.exported}, format {@code zip}).
 * A file that cannot be read once the first bytes are sent aborts the download rather than end a
 * ZIP that looks whole.
 */
final class AccessArchiveDownload {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccessArchiveDownload.class);

    private final AccessExport export;
    private final AccessExportJson exportJson;
    private final AccessArchive archive;

    AccessArchiveDownload(AccessExport export, AccessExportJson exportJson, AccessArchive archive) {
        this.export = export;
        this.exportJson = exportJson;
        this.archive = archive;
    }

    void download(Context ctx, TenantAccess access) throws IOException {
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        AccessExport.Export exported = export.export(access.tenant().id(), id, RequestContext.actor(ctx),
                access.confidential(), "zip");
        ctx.header("Content-Disposition", "attachment; filename=\"acces-" + id + ".zip\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/zip");
        OutputStream out = ctx.outputStream();
        try {
            archive.write(exported, exportJson.of(exported, access.tenant().name(), locale,
                    row -> UiText.get(locale, "history.row", row)), out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                ctx.res().resetBuffer();
                ctx.res().setHeader("Content-Disposition", null);
                throw e;
            }
            LOG.warn("Access export of {} broken off after its first bytes: the download is aborted", id, e);
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                    .getServletChannel().abort(e);
        }
    }
}
