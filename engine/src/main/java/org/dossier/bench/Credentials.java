package org.dossier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.TokenStore;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.tenant.Tenant;
import org.dossier.web.auth.Authenticator;

/** How the clients of one tenant authenticate: a browser session for pages, a token for the API. */
record Credentials(String cookie, String token) {

    /**
     * One caseworker per tenant, with the confidential grant (so record views also write their
     * reveal audit events, as in real use), signed in once: every measured request pays the
     * session or token lookup and the membership check, as a real one does.
     */
    static List<Credentials> signIn(Services services, List<Tenant> loaded) {
        List<Credentials> credentials = new ArrayList<>();
        for (Tenant tenant : loaded) {
            String email = "caseworker@" + tenant.slug() + ".bench";
            // 18 random bytes give 24 characters, above the policy's 12; nobody types this password.
            User user = services.jdbi().inTransaction(handle -> {
                User created = services.accounts().createUser(handle, email, "Bench caseworker", Secrets.token(18), false, false);
                services.accounts().addMember(handle, tenant.id(), email, created.displayName(), Role.CASEWORKER, true,
                        Actor.system("bench"));
                return created;
            });
            String session = services.sessions().open(user, "127.0.0.1").id();
            String token = services.jdbi().inTransaction(handle ->
                    services.tokens().issue(handle, user.id(), "bench", TokenStore.PERSONAL, Duration.ofDays(1)).secret());
            credentials.add(new Credentials(Authenticator.SESSION_COOKIE + "=" + session, token));
        }
        return credentials;
    }
}
