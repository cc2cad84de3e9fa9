package org.dossier.web.records;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.dossier.account.TenantAccess;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.history.ChangeEntry;
import org.dossier.history.FieldChange;
import org.dossier.history.FieldLabels;
import org.dossier.history.RecordHistory;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordService;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.view.PebbleTemplates;

/**
 * The "Historique" of a case file: every save newest first, each with the fields it changed under
 * their labels in the page's language, old and new value; a confidential field's values only for
 * a member holding the grant (shown, they are an audited confidential read), "modifié" for others.
 */
public final class HistoryPages {
    private final RecordService records;
    private final FormService forms;
    private final PebbleTemplates templates;

    public HistoryPages(RecordService records, FormService forms, PebbleTemplates templates) {
        this.records = records;
        this.forms = forms;
        this.templates = templates;
    }

    public void show(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        CaseRecord record = records.get(tenant.id(), RequestParams.recordId(ctx));
        RecordMeta meta = RecordMeta.of(tenant, record, locale);
        int page = RequestParams.pageNumber(ctx.queryParam("page"));
        RecordHistory.Page history = records.history().read(tenant.id(), record.id(), page, access.confidential(),
                RequestContext.actor(ctx));
        // Labels and choices as the form reads today, the form the case file's page shows.
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        List<HistoryPageModels.Entry> entries = entries(history.entries(), new FieldLabels(form.effectiveSchema(), locale),
                locale);
        String url = meta.url() + "/history";
        CaseFilePage.render(ctx, access, templates, "pages/record-history",
                UiText.get(locale, "history.title", meta.displayName()),
                new HistoryPageModels.HistoryPage(meta, entries, history.total(), history.page(),
                        history.page() > 1 ? url + "?page=" + (history.page() - 1) : "",
                        history.hasNext() ? url + "?page=" + (history.page() + 1) : "",
                        entries.stream().anyMatch(entry -> entry.changes().stream().anyMatch(
                                HistoryPageModels.Change::masked))));
    }

    /** The saves as the page shows them, for the history page and the access export alike. */
    public static List<HistoryPageModels.Entry> entries(List<ChangeEntry> entries, FieldLabels labels, Locale locale) {
        return entries.stream().map(entry -> new HistoryPageModels.Entry(Dates.time(entry.changedAt(), locale),
                entry.changedBy(), entry.lockVersion(), entry.schemaVersion(), entry.creation(),
                entry.changes().stream().map(change -> change(change, labels, locale)).toList())).toList();
    }

    private static HistoryPageModels.Change change(FieldChange change, FieldLabels labels, Locale locale) {
        String label = String.join(" › ", labels.path(change.pointer(),
                row -> UiText.get(locale, "history.row", row)));
        if (change.masked()) {
            return new HistoryPageModels.Change(label, "", "", true, true);
        }
        String yes = UiText.get(locale, "history.yes");
        String no = UiText.get(locale, "history.no");
        return new HistoryPageModels.Change(label,
                change.before().map(value -> labels.value(change.pointer(), value, yes, no,
                        iso -> Dates.date(iso, locale))).orElse(""),
                change.after().map(value -> labels.value(change.pointer(), value, yes, no,
                        iso -> Dates.date(iso, locale))).orElse(""),
                false, change.confidential());
    }
}
