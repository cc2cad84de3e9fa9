package org.dossier.web.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.InvitationService;
import org.dossier.account.Membership;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.TenantAccess;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.account.AccountService;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * A service admin's management of the service's users: invite (the person accepts after signing
 * in; a new person gets an account with a one-time password shown once), withdraw a pending
 * invitation, change role and confidential grant, deactivate and reactivate.
 */
public final class UserAdminPages {
    private final AccountService accounts;
    private final FormBody formBody;
    private final InvitationService invitations;
    private final Messages messages;
    private final PebbleTemplates templates;

    public UserAdminPages(AccountService accounts, FormBody formBody, InvitationService invitations, Messages messages,
                          PebbleTemplates templates) {
        this.accounts = accounts;
        this.formBody = formBody;
        this.invitations = invitations;
        this.messages = messages;
        this.templates = templates;
    }

    /** A role as the forms offer it. */
    public record RoleOption(String key, String label) {}

    /**
     * A member as the admin's list shows it. A pending invitation has no name: the account's name
     * may have been given in another service, and the person has not joined this one yet.
     */
    public record MemberRow(long userId, String name, String email, String role, boolean confidential, boolean active,
                            boolean pending, String editUrl, String withdrawUrl) {}

    public void list(Context ctx, TenantAccess access) {
        render(ctx, access, 200, "", Map.of(), Optional.empty());
    }

    public void create(Context ctx, TenantAccess access) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        Map<String, String> entered = Map.of(
                "email", LoginPages.first(params, "email"),
                "name", LoginPages.first(params, "name"),
                "role", LoginPages.first(params, "role"),
                "confidential", LoginPages.first(params, "confidential"));
        try {
            Role role = role(entered.get("role"));
            InvitationService.Invited invited = invitations.invite(access, entered.get("email"),
                    entered.get("name"), role, "on".equals(entered.get("confidential")), RequestContext.actor(ctx));
            render(ctx, access, 201, "", Map.of(), Optional.of(new Added(invited.email(), invited.oneTimePassword())));
        } catch (DomainException e) {
            render(ctx, access, e.status(), messages.general(e.code(), locale), entered, Optional.empty());
        }
    }

    /** The person just invited, and the one-time password that serves if their account is new. */
    public record Added(String email, String oneTimePassword) {}

    public void editForm(Context ctx, TenantAccess access) {
        renderEdit(ctx, access, member(access, RequestParams.longId(ctx, "userId")), 200, "");
    }

    public void update(Context ctx, TenantAccess access) {
        long userId = RequestParams.longId(ctx, "userId");
        MembershipDao.Member member = member(access, userId);
        Map<String, List<String>> params = formBody.parse(ctx);
        try {
            accounts.changeMember(access, userId, role(LoginPages.first(params, "role")),
                    "on".equals(LoginPages.first(params, "confidential")), "on".equals(LoginPages.first(params, "active")),
                    RequestContext.actor(ctx));
        } catch (DomainException e) {
            renderEdit(ctx, access, member, e.status(), messages.general(e.code(), RequestLocale.of(ctx)));
            return;
        }
        ctx.redirect(usersUrl(access) + "?updated=1", HttpStatus.SEE_OTHER);
    }

    public void withdraw(Context ctx, TenantAccess access) {
        invitations.withdraw(access.tenant().id(), RequestParams.longId(ctx, "userId"), RequestContext.actor(ctx));
        ctx.redirect(usersUrl(access) + "?withdrawn=1", HttpStatus.SEE_OTHER);
    }

    /** A member who joined; a pending invitation has no page of its own, which would show the account's name. */
    private MembershipDao.Member member(TenantAccess access, long userId) {
        return accounts.members(access.tenant().id()).stream()
                .filter(m -> m.user().id() == userId && !m.membership().pending()).findFirst()
                .orElseThrow(() -> new DomainException("noSuchMember", 404, "no such member"));
    }

    private static MemberRow row(TenantAccess access, MembershipDao.Member member, String role) {
        Membership membership = member.membership();
        String url = usersUrl(access) + "/" + member.user().id();
        return new MemberRow(member.user().id(), membership.pending() ? "" : member.user().displayName(),
                member.user().email(), role, membership.confidential(), membership.active(), membership.pending(),
                url, url + "/withdraw");
    }

    private void render(Context ctx, TenantAccess access, int status, String error, Map<String, String> entered,
                        Optional<Added> added) {
        Locale locale = RequestLocale.of(ctx);
        AccountPageModels.UsersPage page = new AccountPageModels.UsersPage(
                accounts.members(access.tenant().id()).stream()
                        .map(member -> row(access, member, UiText.get(locale, "role." + member.membership().role().key())))
                        .toList(),
                roles(locale), error,
                Map.of("email", entered.getOrDefault("email", ""),
                        "name", entered.getOrDefault("name", ""),
                        "role", entered.getOrDefault("role", Role.CASEWORKER.key()),
                        "confidential", entered.getOrDefault("confidential", "")),
                added.orElse(new Added("", "")), usersUrl(access),
                ctx.queryParam("updated") != null ? UiText.get(locale, "users.updated")
                : ctx.queryParam("withdrawn") != null ? UiText.get(locale, "users.withdrawn") : "");
        templates.respond(ctx.status(status), "pages/admin-users",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "users.title")), page), locale);
    }

    private void renderEdit(Context ctx, TenantAccess access, MembershipDao.Member member, int status, String error) {
        Locale locale = RequestLocale.of(ctx);
        AccountPageModels.UserEditPage page = new AccountPageModels.UserEditPage(
                row(access, member, member.membership().role().key()), roles(locale), error, usersUrl(access));
        templates.respond(ctx.status(status), "pages/admin-user-edit",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "users.edit.title")), page), locale);
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
