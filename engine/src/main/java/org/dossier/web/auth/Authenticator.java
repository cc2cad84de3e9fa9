package org.dossier.web.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.dossier.account.SessionStore;
import org.dossier.account.TokenStore;
import org.dossier.tenant.TenantId;

/**
 * Finds who makes a request. API routes ({@code /api/}) accept only a bearer token, so no
 * browser cookie can ever drive them; pages accept only the session cookie.
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "dossier_session";
    static final String PRINCIPAL = "dossier.principal";
    private static final String IDLE = "dossier.sessionIdle";

    private final SessionStore sessions;
    private final TokenStore tokens;

    public Authenticator(SessionStore sessions, TokenStore tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** The caller, looked up once per request. */
    public Optional<Principal> principal(Context ctx) {
        return principal(ctx, null);
    }

    /**
     * The caller and, in the same query, their membership in {@code tenantId} (when not null):
     * a tenant route costs one round trip to the database for both.
     */
    public Optional<Principal> principal(Context ctx, TenantId tenantId) {
        Optional<Principal> cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        Optional<Principal> found = isApi(ctx) ? bearer(ctx, tenantId) : session(ctx, tenantId);
        ctx.attribute(PRINCIPAL, found);
        return found;
    }

    /** The principal already resolved for this request, if any route resolved one. */
    public static Optional<Principal> current(Context ctx) {
        Optional<Principal> cached = ctx.attribute(PRINCIPAL);
        return cached == null ? Optional.empty() : cached;
    }

    private Optional<Principal> session(Context ctx, TenantId tenantId) {
        Optional<Principal> found = sessions.find(Cookies.read(ctx, SESSION_COOKIE), tenantId).map(Principal::of);
        if (found.isPresent()) {
            ctx.attribute(IDLE, sessions.idleTimeout());
        }
        return found;
    }

    /**
     * How long the session of this request lasts without another request, for the page that warns
     * before it ends; empty unless a session signed the request in.
     */
    public static Optional<java.time.Duration> idleTimeout(Context ctx) {
        return Optional.ofNullable(ctx.attribute(IDLE));
    }

    private Optional<Principal> bearer(Context ctx, TenantId tenantId) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.find(header.substring(7).trim(), tenantId).map(Principal::of);
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }
}
