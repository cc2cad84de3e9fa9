package org.dossier.web.signon;

import static io.javalin.http.HandlerType.GET;

import java.time.Clock;
import org.dossier.Services;
import org.dossier.account.PasswordHasher;
import org.dossier.signon.PendingLogins;
import org.dossier.signon.SignOnService;
import org.dossier.signon.SignOnSessions;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/**
 * Single sign-on through an OpenID Connect provider. Both routes are public and always
 * registered; they answer 404 while no provider is configured.
 */
public final class SignOnRoutes {
    public static final String START = "/auth/oidc/start";
    public static final String CALLBACK = "/auth/oidc/callback";

    private SignOnRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        SignOnPages pages = new SignOnPages(service(services, web), services.sessions(), web.templates());
        access.open(GET, START, pages::start);
        access.open(GET, CALLBACK, pages::callback);
    }

    /** Sign-on as the login page and the logout see it; the provider inside is the application's one. */
    public static SignOnService service(Services services, WebKit web) {
        Clock clock = Clock.systemUTC();
        return new SignOnService(web.signOn(), new PendingLogins(services.jdbi(), clock),
                new SignOnSessions(services.jdbi(), clock), services.accounts(), services.jdbi(), services.mapper(),
                new PasswordHasher(), clock);
    }
}
