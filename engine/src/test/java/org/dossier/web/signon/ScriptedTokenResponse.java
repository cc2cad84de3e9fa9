package org.dossier.web.signon;

import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * A route put in front of the provider's own: when armed, the next token request gets the answer
 * given here instead of the provider's, so a test can hand the app an ID token of its own making
 * (signed by another key, for another audience) through the real code exchange.
 */
final class ScriptedTokenResponse implements Route {
    private final AtomicReference<String> armed = new AtomicReference<>();

    /** The token endpoint's next answer: this ID token, and an access token the provider would not accept. */
    void answerNextWith(String idToken) {
        answerNextWith(idToken, "scripted");
    }

    /** The token endpoint's next answer: these tokens. */
    void answerNextWith(String idToken, String accessToken) {
        armed.set("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + idToken + "\"}");
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token")
                && armed.get() != null;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"), 200,
                armed.getAndSet(null), null);
    }
}
