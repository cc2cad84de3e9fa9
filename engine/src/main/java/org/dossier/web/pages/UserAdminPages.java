package org.dossier.web.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.AccountService;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.TenantAccess;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;

/**
 * A service admin's management of the service's users: add (a new person gets an account with a
 * one-time password shown once), change role and confidential grant, deactivate and reactivate.
 */
public final class UserAdminPages {
    private final Services services;

    public UserAdminPages(Services services) {
        this.services = services;
    }

    /** A role as the forms offer it. */
    public record RoleOption(String key, String label) {}

    /** A member as the admin's list shows it. */
    public record MemberRow(long userId, String name, String email, String role, boolean confidential, boolean active,
                            String editUrl) {}

    public void list(Context ctx, TenantAccess access) {
        render(ctx, access, 200, "", Map.of(), Optional.empty());
    }

    public void create(Context ctx, TenantAccess access) {
        Map<String, List<String>> params = services.formBody().parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        Map<String, String> entered = Map.of(
                "email", LoginPages.first(params, "email"),
                "name", LoginPages.first(params, "name"),
                "role", LoginPages.first(params, "role"),
                "confidential", LoginPages.first(params, "confidential"));
        try {
            Role role = role(entered.get("role"));
            AccountService.AddedMember added = services.accounts().addMember(access.tenant().id(), entered.get("email"),
                    entered.get("name"), role, "on".equals(entered.get("confidential")), RequestContext.actor(ctx));
            render(ctx, access, 201, "", Map.of(), Optional.of(new Added(added.user().email(),
                    added.oneTimePassword().orElse(""))));
        } catch (DomainException e) {
            render(ctx, access, e.status(), services.messages().general(e.code(), locale), entered, Optional.empty());
        }
    }

    /** The member just added, and their one-time password when the account is new. */
    public record Added(String email, String oneTimePassword) {}

    public void editForm(Context ctx, TenantAccess access) {
        renderEdit(ctx, access, member(access, RequestParams.longId(ctx, "userId")), 200, "");
    }

    public void update(Context ctx, TenantAccess access) {
        long userId = RequestParams.longId(ctx, "userId");
        MembershipDao.Member member = member(access, userId);
        Map<String, List<String>> params = services.formBody().parse(ctx);
        try {
            services.accounts().changeMember(access.tenant().id(), userId, role(LoginPages.first(params, "role")),
                    "on".equals(LoginPages.first(params, "confidential")), "on".equals(LoginPages.first(params, "active")),
                    RequestContext.actor(ctx));
        } catch (DomainException e) {
            renderEdit(ctx, access, member, e.status(), services.messages().general(e.code(), RequestLocale.of(ctx)));
            return;
        }
        ctx.redirect(usersUrl(access) + "?updated=1", HttpStatus.SEE_OTHER);
    }

    private MembershipDao.Member member(TenantAccess access, long userId) {
        return services.accounts().members(access.tenant().id()).stream()
                .filter(m -> m.user().id() == userId).findFirst()
                .orElseThrow(() -> new DomainException("noSuchMember", 404, "no such member"));
    }

    private void render(Context ctx, TenantAccess access, int status, String error, Map<String, String> entered,
                        Optional<Added> added) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "users.title"));
        model.put("members", services.accounts().members(access.tenant().id()).stream()
                .map(member -> new MemberRow(member.user().id(), member.user().displayName(), member.user().email(),
                        UiText.get(locale, "role." + member.membership().role().key()),
                        member.membership().confidential(), member.membership().active(),
                        usersUrl(access) + "/" + member.user().id()))
                .toList());
        model.put("roles", roles(locale));
        model.put("error", error);
        model.put("entered", Map.of(
                "email", entered.getOrDefault("email", ""),
                "name", entered.getOrDefault("name", ""),
                "role", entered.getOrDefault("role", Role.CASEWORKER.key()),
                "confidential", entered.getOrDefault("confidential", "")));
        model.put("added", added.orElse(new Added("", "")));
        model.put("formAction", usersUrl(access));
        model.put("flash", ctx.queryParam("updated") != null ? UiText.get(locale, "users.updated") : "");
        ctx.status(status).html(services.templates().render("pages/admin-users", model, locale));
    }

    private void renderEdit(Context ctx, TenantAccess access, MembershipDao.Member member, int status, String error) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "users.edit.title"));
        model.put("member", new MemberRow(member.user().id(), member.user().displayName(), member.user().email(),
                member.membership().role().key(), member.membership().confidential(), member.membership().active(),
                usersUrl(access) + "/" + member.user().id()));
        model.put("roles", roles(locale));
        model.put("error", error);
        model.put("cancelUrl", usersUrl(access));
        ctx.status(status).html(services.templates().render("pages/admin-user-edit", model, locale));
    }

    private static List<RoleOption> roles(Locale locale) {
        return Arrays.stream(Role.values()).map(role -> new RoleOption(role.key(), UiText.get(locale, "role." + role.key())))
                .toList();
    }

    private static Role role(String key) {
        return Role.fromKey(key).orElseThrow(() -> new DomainException("invalidRole", 422, "unknown role"));
    }

    private static String usersUrl(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/users";
    }
}
