package org.dossier.web.records;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.export.CaseFileExport;
import org.dossier.export.ExportFormat;
import org.dossier.export.ExportHeadings;
import org.dossier.form.FormService;
import org.dossier.record.RecordQuery;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;

/**
 * The export of a service's case files, from the list page and the API: the list's search and
 * filters (its own parameters, read by {@link RecordListState}), a format and whether archived
 * case files come too. The file streams at once: its first bytes leave before the last case file
 * is read, so the browser's download starts immediately and no proxy or client waits on a silent
 * connection, whatever the size.
 */
final class ExportPages {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExportPages.class);
    private final CaseFileExport export;

    ExportPages(CaseFileExport export) {
        this.export = export;
    }

    /**
     * {@code GET …/records/export?format=csv|xlsx|jsonl&archived=1&attachments=1&q=…&status=…}: the
     * file, as an attachment; CSV when no format is named, 400 for an unknown one. With
     * {@code attachments=1}, a ZIP of the data file and the case files' files.
     */
    void download(Context ctx, TenantAccess access) throws IOException {
        ExportFormat format = format(ctx.queryParam("format"));
        RecordListState state = RecordListState.from(ctx::queryParam);
        boolean archived = isTrue(ctx.queryParam("archived")) || state.archives();
        boolean files = isTrue(ctx.queryParam("attachments"));
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, state.q(), RecordListPages.filters(state, access),
                state.sort(), 1, 1);
        Locale locale = RequestLocale.of(ctx);
        String file = access.tenant().slug() + "-dossiers-" + LocalDate.now(ZoneOffset.UTC) + "."
                + (files ? "zip" : format.extension());
        ctx.contentType(files ? "application/zip" : format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.header("Cache-Control", "no-store");
        OutputStream out = ctx.outputStream();
        try {
            export.export(access.tenant().id(), new CaseFileExport.Request(query, archived, format, files),
                    RequestContext.actor(ctx), access.confidential(), locale, headings(locale), out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                // Nothing sent yet: the error is answered as any other (the security headers kept), not as a file.
                ctx.res().resetBuffer();
                ctx.res().setHeader("Content-Disposition", null);
                throw e;
            }
            LOG.warn("Export of {} broken off after its first bytes: the download is aborted", access.tenant().slug(), e);
            BrokenDownload.abort(ctx, e);
        }
    }

    /** CSV when none is named: the file a spreadsheet opens, as the statistics give. */
    private static ExportFormat format(String key) {
        if (key == null || key.isEmpty()) {
            return ExportFormat.CSV;
        }
        return ExportFormat.fromKey(key).orElseThrow(
                () -> new DomainException("invalidFormat", 400, "\"format\" must be csv, xlsx or jsonl"));
    }

    private static boolean isTrue(String value) {
        return "1".equals(value) || "true".equals(value) || "on".equals(value);
    }

    private static ExportHeadings headings(Locale locale) {
        return new ExportHeadings(UiText.get(locale, "export.col.id"), UiText.get(locale, "export.col.formVersion"),
                UiText.get(locale, "export.col.phase"), UiText.get(locale, "export.col.createdAt"),
                UiText.get(locale, "export.col.updatedAt"), UiText.get(locale, "export.col.row"),
                UiText.get(locale, "export.sheet.caseFiles"));
    }
}
