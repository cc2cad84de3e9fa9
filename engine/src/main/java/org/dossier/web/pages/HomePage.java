package org.dossier.web.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.Permission;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;

/** The signed-in user's entry page: the services they belong to, and nothing of the others. */
public final class HomePage {
    private final Services services;

    public HomePage(Services services) {
        this.services = services;
    }

    /** One of the user's services, with their role in it; a suspended one is shown without a link. */
    public record ServiceLink(String name, String url, String role, boolean suspended) {}

    public void show(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        List<ServiceLink> links = servicesOf(services, principal.user(), locale);
        if (links.size() == 1 && !links.get(0).suspended() && !principal.user().superAdmin()) {
            ctx.redirect(links.get(0).url(), HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "home.title"));
        model.put("services", links);
        model.put("superAdmin", principal.user().superAdmin());
        ctx.html(services.templates().render("pages/home", model, locale));
    }

    static List<ServiceLink> servicesOf(Services services, User user, Locale locale) {
        Map<Long, Tenant> tenants = services.tenants().listAll().stream()
                .collect(java.util.stream.Collectors.toMap(tenant -> tenant.id().value(), tenant -> tenant));
        return services.accounts().membershipsOf(user.id()).stream()
                .map(membership -> link(tenants.get(membership.tenantId().value()), membership, locale))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(ServiceLink::name))
                .toList();
    }

    private static ServiceLink link(Tenant tenant, Membership membership, Locale locale) {
        if (tenant == null) {
            return null;
        }
        String base = "/t/" + tenant.slug();
        String url = membership.role().allows(Permission.READ_RECORDS) ? base + "/records" : base + "/admin/users";
        return new ServiceLink(tenant.name(), tenant.suspended() ? "" : url,
                UiText.get(locale, "role." + membership.role().key()), tenant.suspended());
    }
}
