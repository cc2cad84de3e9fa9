package org.dossier.web.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.web.RequestContext;
import org.dossier.account.LoginRefusedException;
import org.dossier.account.SessionStore;
import org.dossier.account.User;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Authenticator;
import org.dossier.web.auth.Csrf;
import org.dossier.web.auth.Principal;
import org.dossier.web.auth.SessionCookie;
import org.dossier.web.keep.KeptPosts;
import org.dossier.account.AccountService;
import org.dossier.DomainException;
import org.dossier.signon.SignOnService;
import org.dossier.web.auth.Cookies;
import java.net.URI;
import java.util.Optional;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/** Login and logout. A successful login always opens a new session: the id is never reused. */
public final class LoginPages {
    private static final String LOGGED_OUT = "/login?loggedOut=1";
    private final AccountService accounts;
    private final FormBody formBody;
    private final Messages messages;
    private final SessionStore sessions;
    private final PebbleTemplates templates;
    private final Csrf csrf;
    private final KeptPosts kept;
    private final SignOnService signOn;

    public LoginPages(AccountService accounts, FormBody formBody, Messages messages, SessionStore sessions,
                      PebbleTemplates templates, Csrf csrf, KeptPosts kept, SignOnService signOn) {
        this.kept = kept;
        this.signOn = signOn;
        this.accounts = accounts;
        this.formBody = formBody;
        this.messages = messages;
        this.sessions = sessions;
        this.templates = templates;
        this.csrf = csrf;
    }

    public void form(Context ctx) {
        render(ctx, 200, "", "");
    }

    public void login(Context ctx) {
        refuseWhenPasswordLoginOff(signOn.passwordLogin());
        csrf.requireLoginToken(ctx);
        Map<String, List<String>> params = formBody.parse(ctx);
        String email = first(params, "email");
        Locale locale = RequestLocale.of(ctx);
        User user;
        try {
            user = accounts.login(email, first(params, "password"), RequestContext.clientAddress(ctx));
        } catch (LoginRefusedException e) {
            render(ctx, e.status(), email, messages.general(e.code(), locale));
            return;
        }
        SessionCookie.end(ctx, sessions);
        SessionStore.Opened opened = sessions.open(user, RequestContext.clientAddress(ctx));
        SessionCookie.start(ctx, opened.id());
        csrf.forgetLoginToken(ctx);
        ctx.redirect(user.mustChangePassword() ? "/account/password" : safeNext(first(params, "next")), HttpStatus.SEE_OTHER);
    }

    public void logout(Context ctx, Principal principal) {
        // A session opened through the identity provider ends there too, when the provider offers it.
        Optional<URI> atProvider = signOn.logout(Cookies.read(ctx, Authenticator.SESSION_COOKIE), LOGGED_OUT);
        SessionCookie.end(ctx, sessions);
        accounts.loggedOut(principal.user(), RequestContext.clientAddress(ctx), "session");
        ctx.redirect(atProvider.map(URI::toString).orElse(LOGGED_OUT), HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String email, String error) {
        Locale locale = RequestLocale.of(ctx);
        String expiredPost = expiredPost(ctx);
        AccountPageModels.LoginPage page = new AccountPageModels.LoginPage(csrf.loginToken(ctx),
                email == null ? "" : email, error,
                safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : first(postedForm(ctx), "next")),
                notice(ctx, locale, expiredPost), expiredPost, signOn.passwordLogin(), signOn.providerName());
        templates.respond(ctx.status(status), "pages/login",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "login.title")), page), locale);
    }

    /**
     * What the page says above the form: signed out, or (after a form was posted on an expired
     * session) whether what was typed is kept. "Kept" is said only when this browser does hold
     * kept typing, whatever the query string claims.
     */
    private String notice(Context ctx, Locale locale, String expiredPost) {
        if (ctx.queryParam("loggedOut") != null) {
            return UiText.get(locale, "login.loggedOut");
        }
        if (expiredPost.equals("kept") && kept.waiting(ctx)) {
            return UiText.get(locale, "kept.login");
        }
        return expiredPost.isEmpty() ? "" : UiText.get(locale, "kept.lost");
    }

    /** {@code kept} or {@code lost} when the login page follows a form posted on an expired session, from its URL or its own post. */
    private String expiredPost(Context ctx) {
        String posted = first(postedForm(ctx), "expiredPost");
        if (ctx.queryParam("kept") != null || posted.equals("kept")) {
            return "kept";
        }
        return ctx.queryParam("lost") != null || posted.equals("lost") ? "lost" : "";
    }

    /** The posted form when re-rendering after a failed login (to keep {@code next}); nothing on a GET. */
    private Map<String, List<String>> postedForm(Context ctx) {
        return "POST".equals(ctx.method().name()) ? formBody.parse(ctx) : Map.of();
    }

    /** With {@code DOSSIER_PASSWORD_LOGIN=off}, no password is checked anywhere: sign-in is the provider's. */
    static void refuseWhenPasswordLoginOff(boolean passwordLogin) {
        if (!passwordLogin) {
            throw new DomainException("passwordLoginOff", 403, "password login is turned off: use single sign-on");
        }
    }

    /**
     * Only a path of this site: never another host, so the login page cannot be an open redirect.
     * Control characters are refused too: browsers drop tabs and line breaks from a URL, so
     * {@code /<TAB>/evil.example} would become {@code //evil.example}.
     */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    public static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
