package org.dossier.web.auth;

import java.util.Optional;
import org.dossier.account.ApiToken;
import org.dossier.account.Session;
import org.dossier.account.Membership;
import org.dossier.account.TokenStore;
import org.dossier.account.User;

/**
 * The authenticated caller of one request: a browser session (pages) or a bearer token (API),
 * never both.
 *
 * @param membership on a tenant route, the caller's membership in the URL's tenant, read in the
 *                   same query as the session or token; empty otherwise
 */
public record Principal(User user, Optional<Session> session, Optional<ApiToken> token,
                        Optional<Membership> membership) {
    public static Principal of(Session.Found found) {
        return new Principal(found.session().user(), Optional.of(found.session()), Optional.empty(), found.membership());
    }

    public static Principal of(TokenStore.Bearer bearer) {
        return new Principal(bearer.user(), Optional.empty(), Optional.of(bearer.token()), bearer.membership());
    }
}
