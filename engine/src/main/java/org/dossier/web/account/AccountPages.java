package org.dossier.web.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.web.Dates;
import org.dossier.web.RequestContext;
import org.dossier.DomainException;
import org.dossier.account.ApiToken;
import org.dossier.account.PasswordService;
import org.dossier.account.TokenService;
import org.dossier.account.TokenStore;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.auth.SessionCookie;
import org.dossier.account.AccountService;
import org.dossier.account.InvitationService;
import org.dossier.tenant.TenantService;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/** The signed-in user's own pages: their services and invitations, password, and personal API tokens. */
public final class AccountPages {
    /** Lifetimes offered for a personal token, in days. */
    static final List<Integer> TOKEN_DAYS = TokenService.PERSONAL_DAYS;

    private final AccountService accounts;
    private final FormBody formBody;
    private final InvitationService invitations;
    private final Messages messages;
    private final PasswordService passwords;
    private final PebbleTemplates templates;
    private final TenantService tenants;
    private final TokenService tokenService;
    private final TokenStore tokens;

    public AccountPages(AccountService accounts, FormBody formBody, InvitationService invitations, Messages messages,
                        PasswordService passwords, PebbleTemplates templates, TenantService tenants,
                        TokenService tokenService, TokenStore tokens) {
        this.accounts = accounts;
        this.formBody = formBody;
        this.invitations = invitations;
        this.messages = messages;
        this.passwords = passwords;
        this.templates = templates;
        this.tenants = tenants;
        this.tokenService = tokenService;
        this.tokens = tokens;
    }

    public void overview(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        AccountPageModels.OverviewPage page = new AccountPageModels.OverviewPage(principal.user(),
                HomePage.servicesOf(tenants, accounts, principal.user(), locale),
                HomePage.invitationsOf(tenants, invitations, principal.user(), locale),
                ctx.queryParam("passwordChanged") != null ? passwordChanged(ctx, locale)
                : ctx.queryParam("accepted") != null ? UiText.get(locale, "invitation.accepted")
                : ctx.queryParam("declined") != null ? UiText.get(locale, "invitation.declined") : "");
        templates.respond(ctx, "pages/account",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "account.title")), page), locale);
    }

    /** The person accepts an invitation to the service named by the URL; any other answer is 404. */
    public void acceptInvitation(Context ctx, Principal principal) {
        invitations.accept(invitedTo(ctx), principal.user(), RequestContext.actor(ctx));
        ctx.redirect("/account?accepted=1", HttpStatus.SEE_OTHER);
    }

    public void declineInvitation(Context ctx, Principal principal) {
        invitations.decline(invitedTo(ctx), principal.user());
        ctx.redirect("/account?declined=1", HttpStatus.SEE_OTHER);
    }

    /** The service of the URL; an unknown one answers 404 as a service without an invitation does. */
    private org.dossier.tenant.TenantId invitedTo(Context ctx) {
        return tenants.find(ctx.pathParam("service"))
                .orElseThrow(() -> new DomainException("noSuchInvitation", 404, "no such pending invitation")).id();
    }

    /**
     * What the password change ended, from the redirect's query: the counts only ever describe the
     * reader's own change, so a forged query misleads nobody but its author.
     */
    private static String passwordChanged(Context ctx, Locale locale) {
        int sessionsClosed = count(ctx.queryParam("sessionsClosed"));
        int tokensRevoked = count(ctx.queryParam("tokensRevoked"));
        String text = UiText.get(locale, "account.password.changed") + " "
                + UiText.get(locale, "account.password.sessionsClosed", sessionsClosed);
        return tokensRevoked == 0 ? text : text + " " + UiText.get(locale, "account.password.tokensRevoked", tokensRevoked);
    }

    private static int count(String text) {
        return text != null && text.matches("\\d{1,6}") ? Integer.parseInt(text) : 0;
    }

    public void passwordForm(Context ctx, Principal principal) {
        renderPassword(ctx, principal, 200, "");
    }

    public void changePassword(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        String replacement = LoginPages.first(params, "newPassword");
        if (!replacement.equals(LoginPages.first(params, "confirmPassword"))) {
            renderPassword(ctx, principal, 422, messages.general("passwordMismatch", locale));
            return;
        }
        PasswordService.Changed changed;
        try {
            changed = passwords.change(principal.session().orElseThrow(),
                    LoginPages.first(params, "currentPassword"), replacement, RequestContext.clientAddress(ctx));
        } catch (DomainException e) {
            // A lockout (LoginRefusedException) reads exactly as on the login page.
            renderPassword(ctx, principal, e.status(), messages.general(e.code(), locale));
            return;
        }
        SessionCookie.start(ctx, changed.session().id());
        ctx.redirect("/account?passwordChanged=1&sessionsClosed=" + changed.otherSessionsClosed()
                + "&tokensRevoked=" + changed.personalTokensRevoked(), HttpStatus.SEE_OTHER);
    }

    private void renderPassword(Context ctx, Principal principal, int status, String error) {
        Locale locale = RequestLocale.of(ctx);
        AccountPageModels.PasswordPage page = new AccountPageModels.PasswordPage(error,
                principal.user().mustChangePassword(), org.dossier.account.PasswordHasher.MIN_LENGTH);
        templates.respond(ctx.status(status), "pages/account-password",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "account.password.title")), page), locale);
    }

    public void tokens(Context ctx, Principal principal) {
        renderTokens(ctx, principal, 200, "", Optional.empty());
    }

    public void createToken(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        int days;
        try {
            days = Integer.parseInt(LoginPages.first(params, "days"));
        } catch (NumberFormatException e) {
            days = -1;
        }
        TokenStore.Issued issued;
        try {
            issued = tokenService.issuePersonal(principal.user(), LoginPages.first(params, "name"), days,
                    RequestContext.clientAddress(ctx));
        } catch (DomainException e) {
            renderTokens(ctx, principal, e.status(), messages.general(e.code(), locale), Optional.empty());
            return;
        }
        renderTokens(ctx, principal, 201, "", Optional.of(issued.secret()));
    }

    public void revokeToken(Context ctx, Principal principal) {
        tokenService.revokePersonal(principal.user(), RequestParams.longId(ctx, "tokenId"),
                RequestContext.clientAddress(ctx));
        ctx.redirect("/account/tokens?revoked=1", HttpStatus.SEE_OTHER);
    }

    private void renderTokens(Context ctx, Principal principal, int status, String error, Optional<String> secret) {
        Locale locale = RequestLocale.of(ctx);
        List<ApiToken> personal = tokens.personalTokens(principal.user().id());
        AccountPageModels.TokensPage page = new AccountPageModels.TokensPage(
                personal.stream().map(token -> TokenRow.of(token, locale)).toList(), error, secret.orElse(""),
                TOKEN_DAYS, ctx.queryParam("revoked") != null ? UiText.get(locale, "account.tokens.revoked") : "");
        templates.respond(ctx.status(status), "pages/account-tokens",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "account.tokens.title")), page), locale);
    }

    /** A token as its owner sees it in the list. */
    public record TokenRow(long id, String name, String created, String expires, String lastUsed, boolean active,
                           String state) {
        static TokenRow of(ApiToken token, Locale locale) {
            java.time.Instant now = java.time.Instant.now();
            String state = token.revokedAt() != null ? UiText.get(locale, "account.tokens.state.revoked")
                    : token.activeAt(now) ? UiText.get(locale, "account.tokens.state.active")
                    : UiText.get(locale, "account.tokens.state.expired");
            return new TokenRow(token.id(), token.name(), Dates.time(token.createdAt(), locale),
                    token.expiresAt() == null ? "" : Dates.time(token.expiresAt(), locale),
                    token.lastUsedAt() == null ? UiText.get(locale, "account.tokens.neverUsed")
                            : Dates.time(token.lastUsedAt(), locale),
                    token.activeAt(now), state);
        }
    }
}
