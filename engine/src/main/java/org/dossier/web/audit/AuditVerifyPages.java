package org.dossier.web.audit;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.dossier.account.TenantAccess;
import org.dossier.audit.ChainVerifier;
import org.dossier.web.Dates;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/** The audit chains' verification: a service's for its admin and DPO, every chain for a super-admin. */
public final class AuditVerifyPages {
    private final ChainVerifier verifier;
    private final PebbleTemplates templates;

    public AuditVerifyPages(ChainVerifier verifier, PebbleTemplates templates) {
        this.verifier = verifier;
        this.templates = templates;
    }

    public void ofTenant(Context ctx, TenantAccess access) {
        ChainVerifier.Report report = verifier.verify(access.tenant().id().value(), access.tenant().slug());
        render(ctx, List.of(report), false, "/t/" + access.tenant().slug() + "/admin/audit");
    }

    public void ofPlatform(Context ctx, Principal principal) {
        render(ctx, verifier.verifyAll(), true, "/admin/audit");
    }

    private void render(Context ctx, List<ChainVerifier.Report> reports, boolean platform, String auditUrl) {
        Locale locale = RequestLocale.of(ctx);
        List<AuditPageModels.ChainRow> rows = reports.stream().map(report -> new AuditPageModels.ChainRow(
                report.platform() ? UiText.get(locale, "audit.platform") : report.slug(), report.length(),
                report.redacted(), report.intact(), verdict(report, locale))).toList();
        boolean intact = reports.stream().allMatch(ChainVerifier.Report::intact);
        String title = UiText.get(locale, platform ? "audit.verify.platform.title" : "audit.verify.title");
        templates.respond(ctx.status(200), "pages/audit-verify", PageModel.of(Pages.layout(ctx, locale, title),
                new AuditPageModels.AuditVerifyPage(rows, intact, platform, auditUrl)), locale);
    }

    static String verdict(ChainVerifier.Report report, Locale locale) {
        if (report.intact()) {
            return UiText.get(locale, "audit.verify.intact");
        }
        ChainVerifier.Break broken = report.firstBreak().orElseThrow();
        String kind = UiText.get(locale, "audit.verify.kind." + broken.kind().name());
        String event = broken.eventId().map(id -> UiText.get(locale, "audit.verify.event", id.toString(),
                        broken.action().orElse(""), broken.occurredAt().map(at -> Dates.time(at, locale)).orElse("")))
                .orElse(UiText.get(locale, "audit.verify.missingEnd"));
        return broken.position() > 0
                ? UiText.get(locale, "audit.verify.broken", Long.toString(broken.position()), kind, event)
                : UiText.get(locale, "audit.verify.brokenOutside", kind, event);
    }
}
