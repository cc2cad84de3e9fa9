package org.dossier.web.platform;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.offboarding.DeletedKind;
import org.dossier.offboarding.DeletionCounts;
import org.dossier.offboarding.ServiceDeletion;
import org.dossier.offboarding.ServiceSuspension;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.account.LoginPages;
import org.dossier.tenant.TenantService;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The super-admin's lifecycle actions on the services page: suspend and resume (one button per
 * service), and delete behind a page that shows what will go and asks for the slug.
 */
public final class OffboardingPages {
    private final FormBody formBody;
    private final Messages messages;
    private final PebbleTemplates templates;
    private final TenantService tenants;
    private final PlatformPages platform;
    private final ServiceSuspension suspension;
    private final ServiceDeletion deletion;

    public OffboardingPages(FormBody formBody, Messages messages, PebbleTemplates templates, TenantService tenants,
                          PlatformPages platform, ServiceSuspension suspension, ServiceDeletion deletion) {
        this.formBody = formBody;
        this.messages = messages;
        this.templates = templates;
        this.tenants = tenants;
        this.platform = platform;
        this.suspension = suspension;
        this.deletion = deletion;
    }

    /** One count of the confirmation or result page: its label and figure. */
    public record CountRow(String label, long count) {}

    public void suspend(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        try {
            Tenant tenant = suspension.suspend(ctx.pathParam("slug"), LoginPages.first(params, "reason"),
                    RequestContext.actor(ctx));
            platform.listWith(ctx, 200, UiText.get(locale, "offboarding.suspended", tenant.name(), tenant.slug()), "");
        } catch (DomainException e) {
            platform.listWith(ctx, e.status(), "", messages.general(e.code(), locale));
        }
    }

    public void resume(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        try {
            Tenant tenant = suspension.resume(ctx.pathParam("slug"), RequestContext.actor(ctx));
            platform.listWith(ctx, 200, UiText.get(locale, "offboarding.resumed", tenant.name(), tenant.slug()), "");
        } catch (DomainException e) {
            platform.listWith(ctx, e.status(), "", messages.general(e.code(), locale));
        }
    }

    /** The confirmation page: what deleting the service would remove, and the slug to type. */
    public void confirmDelete(Context ctx, Principal principal) {
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        renderConfirmation(ctx, 200, tenant, "", "");
    }

    public void delete(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        String typed = LoginPages.first(params, "confirm");
        ServiceDeletion.Report report;
        try {
            report = deletion.delete(tenant.slug(), typed, RequestContext.actor(ctx));
        } catch (DomainException e) {
            renderConfirmation(ctx, e.status(), tenant, typed, messages.general(e.code(), locale));
            return;
        }
        PlatformPageModels.DeletePage page = new PlatformPageModels.DeletePage(tenant.name(), report.slug(),
                rows(report.counts(), locale), report.took().toMillis(), true, true, "", "");
        templates.respond(ctx.status(200), "pages/platform-service-delete",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "offboarding.deleted.title")), page), locale);
    }

    private void renderConfirmation(Context ctx, int status, Tenant tenant, String typed, String error) {
        Locale locale = RequestLocale.of(ctx);
        PlatformPageModels.DeletePage page = new PlatformPageModels.DeletePage(tenant.name(), tenant.slug(),
                rows(deletion.preview(tenant.slug()), locale), 0, false, tenant.suspended(), typed, error);
        templates.respond(ctx.status(status), "pages/platform-service-delete", PageModel.of(
                Pages.layout(ctx, locale, UiText.get(locale, "offboarding.delete.title", tenant.name())), page), locale);
    }

    private static List<CountRow> rows(DeletionCounts counts, Locale locale) {
        List<CountRow> rows = new java.util.ArrayList<>();
        for (DeletedKind kind : DeletedKind.values()) {
            rows.add(new CountRow(UiText.get(locale, "offboarding.kind." + kind.key()), counts.of(kind)));
        }
        rows.add(new CountRow(UiText.get(locale, "offboarding.kind.unlinkedClones"), counts.unlinkedClones()));
        rows.add(new CountRow(UiText.get(locale, "offboarding.kind.redactedPlatformEvents"), counts.redactedPlatformEvents()));
        return rows;
    }
}
