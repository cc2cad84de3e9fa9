package org.dossier.web.signon;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import org.dossier.account.SessionStore;
import org.dossier.signon.SignOnRefusedException;
import org.dossier.signon.SignOnService;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.account.LoginPages;
import org.dossier.web.auth.Cookies;
import org.dossier.web.auth.SessionCookie;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The two legs of a single sign-on: off to the provider, and back. A successful return opens a
 * session exactly as the password login does (the browser's former session closed, a new id in the
 * same cookie); a refused one says why on a page of its own and opens nothing.
 */
public final class SignOnPages {
    /** Holds the state between the two legs, so that a callback is only accepted by the browser that started it. */
    static final String STATE_COOKIE = "dossier_oidc";

    private final SignOnService signOn;
    private final SessionStore sessions;
    private final PebbleTemplates templates;

    public SignOnPages(SignOnService signOn, SessionStore sessions, PebbleTemplates templates) {
        this.signOn = signOn;
        this.sessions = sessions;
        this.templates = templates;
    }

    /** Records the login and sends the browser to the provider. */
    public void start(Context ctx) {
        SignOnService.Started started;
        try {
            started = signOn.start(LoginPages.safeNext(ctx.queryParam("next")));
        } catch (SignOnRefusedException e) {
            refused(ctx, e);
            return;
        }
        Cookies.set(ctx, STATE_COOKIE, started.state());
        ctx.redirect(started.location().toString(), HttpStatus.SEE_OTHER);
    }

    /** The provider's answer: a session and the page asked for, or the page that says why not. */
    public void callback(Context ctx) {
        String browserState = Cookies.read(ctx, STATE_COOKIE);
        Cookies.clear(ctx, STATE_COOKIE);
        SignOnService.SignedOn signedOn;
        try {
            signedOn = signOn.finish(new SignOnService.Callback(ctx.queryParam("state"), ctx.queryParam("code"),
                    ctx.queryParam("error"), browserState), RequestContext.clientAddress(ctx));
        } catch (SignOnRefusedException e) {
            refused(ctx, e);
            return;
        }
        SessionCookie.end(ctx, sessions);
        SessionStore.Opened opened = sessions.open(signedOn.user(), RequestContext.clientAddress(ctx));
        SessionCookie.start(ctx, opened.id());
        signOn.sessionOpened(opened.id(), signedOn);
        ctx.redirect(LoginPages.safeNext(signedOn.next()), HttpStatus.SEE_OTHER);
    }

    private void refused(Context ctx, SignOnRefusedException e) {
        Locale locale = RequestLocale.of(ctx);
        SignOnPageModels.RefusedPage page = new SignOnPageModels.RefusedPage(
                UiText.get(locale, "signon.refused." + e.code()), signOn.enabled());
        templates.respond(ctx.status(e.status()), "pages/signon-refused",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "signon.refused.title")), page), locale);
    }
}
