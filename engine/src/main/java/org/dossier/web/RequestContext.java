package org.dossier.web;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Optional;
import org.dossier.account.TenantAccess;
import org.dossier.audit.Actor;
import org.dossier.web.auth.Authenticator;

/**
 * What the layout and the audit trail need to know about the current request, once the route's
 * guard has admitted it. The tenant always comes from the URL, through {@link TenantAccess}.
 */
public final class RequestContext {
    static final String TENANT = "dossier.tenant";
    static final String ACCESS = "dossier.access";
    static final String MODULES = "dossier.modules";

    private RequestContext() {}

    /** Called by the guard of a tenant route once the caller's membership is checked. */
    public static void admit(Context ctx, TenantAccess access) {
        ctx.attribute(ACCESS, access);
        ctx.attribute(TENANT, access.tenant());
    }

    /** The modules switched on in the admitted service, for the menu. */
    public static void modulesOn(Context ctx, java.util.Set<String> modules) {
        ctx.attribute(MODULES, modules);
    }

    public static java.util.Set<String> modulesOn(Context ctx) {
        java.util.Set<String> modules = ctx.attribute(MODULES);
        return modules == null ? java.util.Set.of() : modules;
    }

    public static Optional<TenantAccess> access(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ACCESS));
    }

    /** The signed-in user (by e-mail) or {@code anonymous}, and the client address. */
    public static Actor actor(Context ctx) {
        return new Actor(Authenticator.current(ctx).map(principal -> principal.user().email()).orElse("anonymous"),
                clientAddress(ctx));
    }

    /**
     * The client's IP address: the one the throttle counts, the audit log and the sessions record.
     * {@code ctx.ip()} is resolved by {@link #clientAddress(HttpServletRequest, TrustedProxies)}
     * (see {@code App}), so any code asking Javalin gets the same answer.
     */
    public static String clientAddress(Context ctx) {
        return ctx.ip();
    }

    /**
     * The direct peer, or behind a trusted reverse proxy the client it forwarded for, in canonical
     * form without the brackets Jetty puts around an IPv6 address.
     */
    public static String clientAddress(HttpServletRequest request, TrustedProxies proxies) {
        // Resolved once per request: a request asks it several times (its actor, the audit, the
        // throttle), and each time parsed the peer's and the forwarded addresses anew.
        if (request.getAttribute(CLIENT_ADDRESS) instanceof String known) {
            return known;
        }
        String address = proxies.clientAddress(request.getRemoteAddr(),
                Collections.list(request.getHeaders(TrustedProxies.HEADER)));
        request.setAttribute(CLIENT_ADDRESS, address);
        return address;
    }

    /** The request attribute holding the resolved client address. */
    private static final String CLIENT_ADDRESS = RequestContext.class.getName() + ".clientAddress";
}
