package org.dossier.web.auth;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.account.LoginFormTokens;
import org.dossier.account.Secrets;
import org.dossier.web.FormBody;
import org.dossier.web.Multipart;

/**
 * CSRF tokens for every state-changing form. A signed-in form carries its session's token; the
 * login form, before any session exists, carries a token that must match a cookie set with the
 * form (double submit) and bear the server's signature ({@link LoginFormTokens}). Scripts may
 * send the token as an {@code X-CSRF-Token} header instead.
 */
public final class Csrf {
    public static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    static final String LOGIN_COOKIE = "dossier_login_csrf";

    private final FormBody formBody;
    private final LoginFormTokens loginTokens;

    public Csrf(FormBody formBody, LoginFormTokens loginTokens) {
        this.formBody = formBody;
        this.loginTokens = loginTokens;
    }

    /** @throws DomainException {@code csrfInvalid} (403) unless the request carries {@code expected} */
    public void require(Context ctx, String expected) {
        String sent = ctx.header(HEADER);
        String contentType = ctx.contentType();
        if (sent == null && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            sent = Multipart.field(ctx, FIELD);
        } else if (sent == null) {
            Map<String, List<String>> params = formBody.parse(ctx);
            List<String> values = params.get(FIELD);
            sent = values == null || values.size() != 1 ? null : values.get(0);
        }
        // An empty expected token (an empty login cookie) must not be matched by an empty field.
        if (expected == null || expected.isEmpty() || !Secrets.constantTimeEquals(sent, expected)) {
            throw new DomainException("csrfInvalid", 403, "missing or wrong CSRF token");
        }
    }

    /** The login form's token: the cookie's while the server's signature on it holds, else a new one set now. */
    public String loginToken(Context ctx) {
        String current = Cookies.read(ctx, LOGIN_COOKIE);
        if (loginTokens.isValid(current)) {
            return current;
        }
        String token = loginTokens.issue();
        Cookies.set(ctx, LOGIN_COOKIE, token);
        return token;
    }

    /** Once signed in, the session's own token takes over. */
    public void forgetLoginToken(Context ctx) {
        Cookies.clear(ctx, LOGIN_COOKIE);
    }

    /**
     * The cookie and the form must carry the same token, and the server must have signed it: a
     * value of the client's own making, planted in the cookie and repeated in the form, is refused.
     */
    public void requireLoginToken(Context ctx) {
        String cookie = Cookies.read(ctx, LOGIN_COOKIE);
        require(ctx, loginTokens.isValid(cookie) ? cookie : null);
    }
}
