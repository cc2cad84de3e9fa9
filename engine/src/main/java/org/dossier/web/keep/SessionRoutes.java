package org.dossier.web.keep;

import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.SessionStore;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.auth.Principal;

/**
 * The endpoint the session warning calls to stay signed in. Registered through {@link AccessRoutes}:
 * signed-in users only, with the session's CSRF token (the script sends it as a header).
 */
public final class SessionRoutes {
    private final SessionStore sessions;
    private final WebKit web;

    private SessionRoutes(SessionStore sessions, WebKit web) {
        this.sessions = sessions;
        this.web = web;
    }

    public static void register(AccessRoutes access, Services services, WebKit web) {
        SessionRoutes routes = new SessionRoutes(services.sessions(), web);
        access.user(POST, "/session/extend", routes::extend);
    }

    /** Records activity now; answers how many seconds the session has left without another request. */
    private void extend(Context ctx, Principal principal) {
        var session = principal.session().orElseThrow(() ->
                new DomainException("invalidRequest", 400, "only a browser session can be extended"));
        Instant ends = sessions.extend(session);
        long seconds = Math.max(0, Duration.between(Instant.now(), ends).toSeconds());
        web.json().respond(ctx, 200, web.json().mapper().createObjectNode().put("expiresInSeconds", seconds));
    }
}
