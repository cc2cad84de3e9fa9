package org.dossier.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dossier.web.RequestContext;
import org.dossier.DomainException;
import org.dossier.account.LoginRefusedException;
import org.dossier.account.TokenService;
import org.dossier.account.TokenStore;
import org.dossier.signon.SignOnSettings;
import org.dossier.web.Json;

/**
 * {@code POST /api/v1/auth/token}: an e-mail and password for a short-lived bearer token, for
 * scripts. Throttled like the login page, with the same generic message.
 */
public final class AuthApi {
    public static final Duration LIFETIME = TokenService.LOGIN_LIFETIME;

    private final Json json;
    private final TokenService tokenService;
    private final SignOnSettings signOn;

    public AuthApi(Json json, TokenService tokenService, SignOnSettings signOn) {
        this.json = json;
        this.tokenService = tokenService;
        this.signOn = signOn;
    }

    public void token(Context ctx) {
        // A password is a password on the API too; personal tokens (created from a signed-in session) still work.
        LoginPages.refuseWhenPasswordLoginOff(signOn.passwordLogin());
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new DomainException("unsupportedMediaType", 415, "expected application/json");
        }
        JsonNode body = json.readBody(ctx);
        JsonNode email = body.get("email");
        JsonNode password = body.get("password");
        if (!body.isObject() || email == null || !email.isTextual() || password == null || !password.isTextual()) {
            throw new DomainException("invalidRequest", 400, "expected {\"email\": \"...\", \"password\": \"...\"}");
        }
        TokenStore.Issued issued;
        try {
            issued = tokenService.issueForLogin(email.asText(), password.asText(),
                    RequestContext.clientAddress(ctx));
        } catch (LoginRefusedException e) {
            if (e.retryAfter() != null) {
                ctx.header("Retry-After", Long.toString(Math.max(1,
                        Duration.between(java.time.Instant.now(), e.retryAfter()).toSeconds())));
            }
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", issued.secret());
        answer.put("tokenType", "Bearer");
        answer.put("expiresAt", issued.token().expiresAt().toString());
        json.respond(ctx, 200, answer);
    }
}
