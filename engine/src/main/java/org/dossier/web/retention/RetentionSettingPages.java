package org.dossier.web.retention;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.retention.RetentionSettings;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.account.LoginPages;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The super-admin's retention setting of one service: the current durations and their bounds, a
 * form, then, before anything is saved, a confirmation that says what the change would do at the
 * next lifecycle pass; then the save. Values out of bounds are answered 422 on the form, nothing
 * changed.
 */
public final class RetentionSettingPages {
    private final FormBody formBody;
    private final Messages messages;
    private final PebbleTemplates templates;
    private final TenantService tenants;
    private final RetentionSettings settings;
    private final Clock clock;

    public RetentionSettingPages(FormBody formBody, Messages messages, PebbleTemplates templates, TenantService tenants,
                                 RetentionSettings settings, Clock clock) {
        this.formBody = formBody;
        this.messages = messages;
        this.templates = templates;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    public static String path(String slug) {
        return "/admin/services/" + slug + "/retention";
    }

    public void page(Context ctx, Principal principal) {
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        Locale locale = RequestLocale.of(ctx);
        String notice = "1".equals(ctx.queryParam("changed"))
                ? UiText.get(locale, "retentionSetting.changed", tenant.name()) : "";
        render(ctx, 200, tenant, RetentionSettingModels.Entered.of(tenant.retention()), PageErrors.none(), null, false,
                notice, "");
    }

    /** The form's post: the confirmation first; with {@code confirm=yes}, the save. */
    public void post(Context ctx, Principal principal) {
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        String active = LoginPages.first(params, "active").strip();
        String kept = LoginPages.first(params, "kept").strip();
        RetentionSettingModels.Entered entered = RetentionSettingModels.Entered.of(active, kept);
        PageErrors errors = RetentionSettingForm.problems(active, kept, locale);
        if (!errors.errorSummary().isEmpty()) {
            render(ctx, 422, tenant, entered, errors, null, false, "", "");
            return;
        }
        RetentionPolicy proposed = new RetentionPolicy(Integer.parseInt(active), Integer.parseInt(kept));
        if (!"yes".equals(LoginPages.first(params, "confirm"))) {
            confirm(ctx, tenant, entered, proposed);
            return;
        }
        RetentionPolicy confirmedFrom;
        try {
            confirmedFrom = new RetentionPolicy(Integer.parseInt(LoginPages.first(params, "fromActive")),
                    Integer.parseInt(LoginPages.first(params, "fromKept")));
        } catch (NumberFormatException | DomainException e) {
            confirm(ctx, tenant, entered, proposed); // a confirmation without its base: show it again
            return;
        }
        try {
            settings.change(tenant.slug(), confirmedFrom, proposed, RequestContext.actor(ctx));
        } catch (DomainException e) {
            Tenant now = tenants.require(tenant.slug());
            RetentionSettings.Impact impact = settings.preview(now, proposed);
            render(ctx, e.status(), now, entered, PageErrors.none(), preview(impact), !impact.changes(), "",
                    messages.general(e.code(), locale));
            return;
        }
        ctx.redirect(path(tenant.slug()) + "?changed=1", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void confirm(Context ctx, Tenant tenant, RetentionSettingModels.Entered entered, RetentionPolicy proposed) {
        RetentionSettings.Impact impact = settings.preview(tenant, proposed);
        render(ctx, 200, tenant, entered, PageErrors.none(), impact.changes() ? preview(impact) : null,
                !impact.changes(), "", "");
    }

    private RetentionSettingModels.Preview preview(RetentionSettings.Impact impact) {
        return new RetentionSettingModels.Preview(durations(impact.proposed()), impact.now().archived(),
                impact.then().archived(), impact.now().deleted(), impact.then().deleted(), impact.now().held(),
                impact.leavingActive(), impact.backToActive(), impact.moreDeleted(), impact.fewerDeleted(),
                impact.current().activeYears(), impact.current().keptYears());
    }

    private RetentionSettingModels.Durations durations(RetentionPolicy policy) {
        return RetentionSettingModels.Durations.of(Retention.at(clock.instant(), policy));
    }

    private void render(Context ctx, int status, Tenant tenant, RetentionSettingModels.Entered entered, PageErrors errors,
                        RetentionSettingModels.Preview preview, boolean unchanged, String notice, String problem) {
        Locale locale = RequestLocale.of(ctx);
        RetentionSettingModels.SettingPage page = new RetentionSettingModels.SettingPage(tenant.name(), tenant.slug(),
                durations(tenant.retention()), entered, preview, unchanged, notice, problem);
        templates.respond(ctx.status(status), "pages/platform-service-retention", PageModel.of(
                Pages.layout(ctx, locale, UiText.get(locale, "retentionSetting.title", tenant.name())), page, errors),
                locale);
    }
}
