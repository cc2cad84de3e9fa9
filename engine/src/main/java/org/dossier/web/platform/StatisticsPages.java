package org.dossier.web.platform;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dossier.stats.StatisticsReport;
import org.dossier.web.Csv;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.Dates;
import org.dossier.stats.PlatformStatistics;
import org.dossier.stats.StatisticsExports;
import org.dossier.tenant.TenantService;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The super-admin's statistics across services, as a page and as CSV files (one per table, the
 * breakdowns in one). Aggregates only, every count suppressed below five before it gets here.
 * Each export is audited on the platform log: a file leaves the application.
 */
public final class StatisticsPages {
    private final PlatformStatistics statistics;
    private final StatisticsExports statisticsExports;
    private final PebbleTemplates templates;
    private final TenantService tenants;

    public StatisticsPages(PlatformStatistics statistics, StatisticsExports statisticsExports,
                           PebbleTemplates templates, TenantService tenants) {
        this.statistics = statistics;
        this.statisticsExports = statisticsExports;
        this.templates = templates;
        this.tenants = tenants;
    }

    public void page(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        StatisticsView view = new StatisticsView(report(), locale);
        PlatformPageModels.StatisticsPage page = new PlatformPageModels.StatisticsPage(
                Dates.time(view.computedAt(), locale), view.services(), view.months(), view.breakdowns(), view.unshared());
        templates.respond(ctx, "pages/platform-stats",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "stats.title")), page), locale);
    }

    public void servicesCsv(Context ctx, Principal principal) {
        export(ctx, "services", view -> StatisticsView.csv(view.services()));
    }

    public void monthsCsv(Context ctx, Principal principal) {
        export(ctx, "months", view -> StatisticsView.csv(view.months()));
    }

    public void breakdownsCsv(Context ctx, Principal principal) {
        export(ctx, "breakdowns", StatisticsView::breakdownsCsv);
    }

    private void export(Context ctx, String table, Function<StatisticsView, List<List<String>>> lines) {
        Locale locale = RequestLocale.of(ctx);
        StatisticsReport report = report();
        byte[] file = Csv.document(lines.apply(new StatisticsView(report, locale)));
        statisticsExports.recordExport(RequestContext.actor(ctx), table, locale);
        String name = UiText.get(locale, "stats.file." + table) + "-" + report.today() + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8").result(file);
    }

    private StatisticsReport report() {
        return statistics.current(tenants.listAll());
    }
}
