package org.dossier.web.auth;

import java.util.Optional;
import org.dossier.account.ApiToken;
import org.dossier.account.Session;
import org.dossier.account.User;

/**
 * The authenticated caller of one request: a browser session (pages) or a bearer token (API),
 * never both.
 */
public record Principal(User user, Optional<Session> session, Optional<ApiToken> token) {
    public static Principal of(Session session) {
        return new Principal(session.user(), Optional.of(session), Optional.empty());
    }

    public static Principal of(User user, ApiToken token) {
        return new Principal(user, Optional.empty(), Optional.of(token));
    }
}
