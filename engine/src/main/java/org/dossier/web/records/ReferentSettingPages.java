package org.dossier.web.records;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import org.dossier.account.TenantAccess;
import org.dossier.referent.Referents;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The service's référent setting: free text, or a choice among the service's members. An admin
 * who may customise the service sets it; switching rewrites no case file.
 */
public final class ReferentSettingPages {
    private final Referents referents;
    private final FormBody formBody;
    private final PebbleTemplates templates;

    public ReferentSettingPages(Referents referents, FormBody formBody, PebbleTemplates templates) {
        this.referents = referents;
        this.formBody = formBody;
        this.templates = templates;
    }

    /** {@code admin/referent-setting}. */
    record SettingPage(String formAction, boolean membersOnly, String saved) {}

    public void show(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        SettingPage page = new SettingPage(path(access), referents.membersOnly(access.tenant().id()),
                ctx.queryParam("saved") != null ? UiText.get(locale, "referentSetting.saved") : "");
        templates.respond(ctx, "admin/referent-setting",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "referentSetting.title")), page), locale);
    }

    public void save(Context ctx, TenantAccess access) {
        List<String> posted = formBody.parse(ctx).getOrDefault("referent", List.of());
        String choice = posted.size() == 1 ? posted.get(0) : "";
        if (!"members".equals(choice) && !"free".equals(choice)) {
            throw new org.dossier.DomainException("invalidRequest", 400, "referent must be members or free");
        }
        referents.setMembersOnly(access.tenant().id(), "members".equals(choice), RequestContext.actor(ctx));
        ctx.redirect(path(access) + "?saved=1", HttpStatus.SEE_OTHER);
    }

    static String path(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/referent";
    }
}
