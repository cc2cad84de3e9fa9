package org.dossier.web.retention;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.dossier.account.TenantAccess;
import org.dossier.record.RecordId;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionOverview;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.web.Dates;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The data lifecycle pages. A service admin sees the service's case files per phase, those due
 * for deletion within {@link #HORIZON_DAYS} days (each linked to its page, where reactivation and
 * holds are offered), its holds and its share of the last passes; the super-admin sees the last
 * passes of every service and what the next pass would do (the dry run of {@code lifecycle plan}).
 */
public final class RetentionPages {
    static final int HORIZON_DAYS = 90;
    static final int DUE_SHOWN = 50;
    static final int SERVICE_RUNS = 10;
    static final int PLATFORM_RUNS = 20;

    private final RetentionOverview overview;
    private final LifecyclePass pass;
    private final Clock clock;
    private final PebbleTemplates templates;

    public RetentionPages(RetentionOverview overview, LifecyclePass pass, Clock clock, PebbleTemplates templates) {
        this.overview = overview;
        this.pass = pass;
        this.clock = clock;
        this.templates = templates;
    }

    public void service(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = access.tenant();
        Retention retention = Retention.at(clock.instant(), tenant.retention());
        RetentionOverview.PhaseCounts counts = overview.counts(tenant.id(), retention);
        RetentionOverview.DueList due = overview.dueWithin(tenant.id(), retention, HORIZON_DAYS, DUE_SHOWN);
        String base = "/t/" + tenant.slug() + "/records/";
        List<RetentionPageModels.CaseFileRow> dueRows = due.shown().stream()
                .map(file -> new RetentionPageModels.CaseFileRow(name(file.lastName(), file.firstName(), locale),
                        base + file.id(), Dates.date(file.dueOn().toString(), locale), "", ""))
                .toList();
        List<RetentionPageModels.CaseFileRow> holdRows = overview.holds(tenant.id()).stream()
                .map(held -> new RetentionPageModels.CaseFileRow(name(held.lastName(), held.firstName(), locale),
                        base + held.id(), Dates.time(held.hold().placedAt(), locale), held.hold().reason(),
                        held.hold().placedBy()))
                .toList();
        List<RetentionPageModels.RunRow> runs = overview.lastRuns(SERVICE_RUNS).stream()
                .map(run -> serviceRow(run, tenant.id(), locale))
                .toList();
        RetentionPageModels.ServicePage page = new RetentionPageModels.ServicePage(counts.active(), counts.archived(),
                counts.dueForDeletion(), counts.held(), HORIZON_DAYS, dueRows, due.total() - dueRows.size(), holdRows,
                runs);
        // After an erasure request by a DPO (who has no case-file list to return to), its confirmation.
        RetentionPageModels.Flash flash = new RetentionPageModels.Flash(
                ctx.queryParam("erased") != null ? UiText.get(locale, "flash.erased") : "");
        templates.respond(ctx, "pages/retention-service",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "retention.service.title")), page, flash,
                        new Shown(RetentionSettingModels.Durations.of(retention))), locale);
    }

    /** The service's durations, set by the platform, shown on its lifecycle page. */
    private record Shown(RetentionSettingModels.Durations durations) {}

    public void platform(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        List<RetentionPageModels.RunRow> runs = overview.lastRuns(PLATFORM_RUNS).stream()
                .map(run -> row(run, run.services(), locale))
                .toList();
        List<RetentionPageModels.PlanRow> plan = pass.plan().stream()
                .map(service -> new RetentionPageModels.PlanRow(service.slug(), service.archived(), service.deleted(),
                        service.held()))
                .toList();
        templates.respond(ctx, "pages/retention-platform",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "retention.platform.title")),
                        new RetentionPageModels.PlatformPage(runs, plan)), locale);
    }

    /** A run as this service saw it: its own counts only (zero when the pass did not reach it). */
    private static RetentionPageModels.RunRow serviceRow(LifecyclePass.Run run, TenantId tenantId, Locale locale) {
        return row(run, run.services().stream().filter(service -> service.tenantId().equals(tenantId)).toList(), locale);
    }

    private static RetentionPageModels.RunRow row(LifecyclePass.Run run, List<LifecyclePass.ServiceCounts> services,
                                                  Locale locale) {
        Instant finished = run.finishedAt();
        return new RetentionPageModels.RunRow(Dates.time(run.startedAt(), locale),
                finished == null ? "" : Dates.time(finished, locale),
                UiText.get(locale, "retention.outcome." + run.outcome()),
                services.stream().mapToLong(LifecyclePass.ServiceCounts::archived).sum(),
                services.stream().mapToLong(LifecyclePass.ServiceCounts::deleted).sum(),
                services.stream().mapToLong(LifecyclePass.ServiceCounts::held).sum(),
                services.stream().mapToLong(LifecyclePass.ServiceCounts::attachments).sum());
    }

    private static String name(String lastName, String firstName, Locale locale) {
        String name = ((lastName == null ? "" : lastName) + " " + (firstName == null ? "" : firstName)).trim();
        return name.isEmpty() ? UiText.get(locale, "retention.unnamed") : name;
    }
}
