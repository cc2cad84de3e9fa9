package org.dossier.web.auth;

import io.javalin.http.Context;
import org.dossier.account.SessionStore;

/** The session cookie: set at login, cleared (and its session closed) at logout or a new login. */
public final class SessionCookie {
    private SessionCookie() {}

    public static void start(Context ctx, String sessionId) {
        Cookies.set(ctx, Authenticator.SESSION_COOKIE, sessionId);
    }

    /** Closes the session the browser holds, if any, and clears its cookie. */
    public static void end(Context ctx, SessionStore sessions) {
        String current = Cookies.read(ctx, Authenticator.SESSION_COOKIE);
        if (current != null && !current.isEmpty()) {
            sessions.close(current);
            Cookies.clear(ctx, Authenticator.SESSION_COOKIE);
        }
    }
}
