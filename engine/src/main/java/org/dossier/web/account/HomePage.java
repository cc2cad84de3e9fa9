package org.dossier.web.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dossier.account.Membership;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.account.AccountService;
import org.dossier.account.InvitationService;
import org.dossier.tenant.TenantService;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The signed-in user's entry page: the services they belong to, the invitations waiting for their
 * answer, and nothing of the other services.
 */
public final class HomePage {
    private final AccountService accounts;
    private final InvitationService invitations;
    private final PebbleTemplates templates;
    private final TenantService tenants;

    public HomePage(AccountService accounts, InvitationService invitations, PebbleTemplates templates,
                    TenantService tenants) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.templates = templates;
        this.tenants = tenants;
    }

    /** One of the user's services, with their role in it; a suspended one is shown without a link. */
    public record ServiceLink(String name, String url, String role, boolean suspended) {}

    /** An invitation to a service, as the invited person sees it, with where to answer. */
    public record InvitationLink(String serviceName, String offer, boolean confidential, String acceptUrl,
                                 String declineUrl) {}

    public void show(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        List<ServiceLink> links = servicesOf(tenants, accounts, principal.user(), locale);
        List<InvitationLink> pending = invitationsOf(tenants, invitations, principal.user(), locale);
        if (links.size() == 1 && !links.get(0).suspended() && !principal.user().superAdmin() && pending.isEmpty()) {
            ctx.redirect(links.get(0).url(), HttpStatus.SEE_OTHER);
            return;
        }
        templates.respond(ctx, "pages/home", PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "home.title")),
                new AccountPageModels.StartPage(links, pending, principal.user().superAdmin())), locale);
    }

    static List<ServiceLink> servicesOf(TenantService tenants, AccountService accounts, User user, Locale locale) {
        Map<Long, Tenant> byId = tenants.listAll().stream()
                .collect(java.util.stream.Collectors.toMap(tenant -> tenant.id().value(), tenant -> tenant));
        return accounts.membershipsOf(user.id()).stream()
                .map(membership -> link(byId.get(membership.tenantId().value()), membership, locale))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(ServiceLink::name))
                .toList();
    }

    static List<InvitationLink> invitationsOf(TenantService tenants, InvitationService invitations, User user,
                                              Locale locale) {
        Map<Long, Tenant> byId = tenants.listAll().stream()
                .collect(java.util.stream.Collectors.toMap(tenant -> tenant.id().value(), tenant -> tenant));
        return invitations.pendingFor(user.id()).stream()
                .filter(invitation -> byId.containsKey(invitation.tenantId().value()))
                .map(invitation -> {
                    Tenant tenant = byId.get(invitation.tenantId().value());
                    String base = "/account/invitations/" + tenant.slug();
                    return new InvitationLink(tenant.name(), UiText.get(locale, "invitation.offer", tenant.name(),
                            UiText.get(locale, "role." + invitation.role().key())),
                            invitation.confidential(), base + "/accept", base + "/decline");
                })
                .sorted(Comparator.comparing(InvitationLink::serviceName))
                .toList();
    }

    private static ServiceLink link(Tenant tenant, Membership membership, Locale locale) {
        if (tenant == null) {
            return null;
        }
        String url = org.dossier.web.ServiceHome.of(tenant.slug(), membership.role());
        return new ServiceLink(tenant.name(), tenant.suspended() ? "" : url,
                UiText.get(locale, "role." + membership.role().key()), tenant.suspended());
    }
}
