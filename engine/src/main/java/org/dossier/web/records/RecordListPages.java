package org.dossier.web.records;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.RecordFilters;
import org.dossier.record.RecordPage;
import org.dossier.record.RecordQuery;
import org.dossier.record.RecordService;
import org.dossier.retention.RecordArchive;
import org.dossier.web.RequestContext;
import org.dossier.referent.ReferentChoices;
import org.dossier.referent.Referents;
import org.dossier.render.FormRenderer;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The case-file list: search, filters (status, antenne, référent, "mes dossiers", "à compléter"),
 * order and page, all in the URL, so that a link, the back button and "Retour à la liste" give
 * the same list again.
 */
public final class RecordListPages {
    private static final int PAGE_SIZE = 20;
    /** The référent filter offers at most this many stored values besides the members. */
    private static final int MAX_REFERENT_CHOICES = 200;

    private final FormService forms;
    private final RecordService records;
    private final Referents referents;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final RecentValues storedReferents;
    private final RecordArchive archive;

    public RecordListPages(FormService forms, RecordService records, Referents referents, FormRenderer renderer,
                           PebbleTemplates templates, RecordArchive archive) {
        this.archive = archive;
        this.forms = forms;
        this.records = records;
        this.referents = referents;
        this.renderer = renderer;
        this.templates = templates;
        // Reading a service's distinct référents scans its référent index (about 80 ms at 100,000
        // case files): done once a minute per service, not on every page.
        this.storedReferents = new RecentValues(java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC(),
                tenantId -> records.referents(tenantId, FormService.CASE_FILE, MAX_REFERENT_CHOICES));
    }

    /**
     * {@code pages/records-list}: the search, the filters in force and one page of results.
     *
     * @param followUp whether each row offers "Ajouter un suivi" (the member writes, the form has the group)
     */
    record ListPage(String q, RecordListView list, RecordListFilters filters, String flash, boolean followUp) {}

    /**
     * The archives search: {@code archives} when the list shows archived case files (read-only,
     * last active before {@code activeSince}); {@code switchUrl} goes to the other list.
     */
    record ArchivesView(boolean archives, String activeSince, String switchUrl) {}

    /** The export form, shown to a member who may export (see {@link ExportControls}). */
    record ExportView(boolean canExport, ExportControls export) {}

    public void list(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordListState state = RecordListState.from(ctx::queryParam);
        CompiledForm form = forms.latest(tenant.id(), FormService.CASE_FILE);
        ReferentChoices choices = referents.choices(tenant.id());
        RecordListView.Labels labels = new RecordListView.Labels(
                renderer.optionLabels(form, "/accompagnement/statut", locale),
                renderer.optionLabels(form, "/accompagnement/antenne", locale), choices);
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, state.q(), filters(state, access), state.sort(),
                state.page(), PAGE_SIZE).withCappedCount();
        RecordPage page = records.search(tenant.id(), state.archives() ? query.inArchives() : query);
        if (state.archives()) {
            archive.searched(tenant.id(), RequestContext.actor(ctx), FormService.CASE_FILE, page.total());
        }
        ArchivesView archives = new ArchivesView(state.archives(),
                org.dossier.web.Dates.date(java.time.LocalDate.ofInstant(archive.retention(tenant).activeSince(),
                        org.dossier.retention.Retention.ZONE).toString(), locale),
                RecordListState.listPath(tenant) + (state.archives() ? "" : "?archives=1"));
        List<String> stored = storedReferents.get(tenant.id());
        ListPage model = new ListPage(state.q(), RecordListView.of(tenant, page, state, labels, locale),
                RecordListFilters.of(tenant, state, labels, stored, locale), flash(ctx, locale),
                access.can(Permission.WRITE_RECORDS) && !state.archives()
                        && org.dossier.record.FollowUp.rowSchema(form).isPresent());
        RecordPageModels.Frame frame = new RecordPageModels.Frame(tenant.slug(), access.can(Permission.WRITE_RECORDS),
                tenant.template(), access.can(Permission.DATA_PROTECTION));
        ExportView export = new ExportView(access.can(Permission.EXPORT_RECORDS),
                ExportControls.of(tenant, state, locale));
        templates.respond(ctx, "pages/records-list",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale,
                        state.archives() ? "archives.title" : "records.title")), frame, model, archives, export),
                locale);
    }

    /**
     * "Mes dossiers" is the signed-in person as référent: as a member (what the members' select
     * stores) or by their name, as it may have been typed before the service chose members.
     */
    static RecordFilters filters(RecordListState state, TenantAccess access) {
        List<String> referent = new ArrayList<>();
        if (state.mine()) {
            referent.add(Referents.memberValue(access.user().id()));
            referent.add(access.user().displayName());
        } else if (!state.referent().isEmpty()) {
            referent.add(state.referent());
        }
        return new RecordFilters(optional(state.status()), optional(state.antenne()), referent, state.toComplete());
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String flash(Context ctx, Locale locale) {
        if (ctx.queryParam("saved") != null) {
            return UiText.get(locale, "flash.saved");
        }
        if (ctx.queryParam("erased") != null) {
            return UiText.get(locale, "flash.erased");
        }
        return "";
    }
}
