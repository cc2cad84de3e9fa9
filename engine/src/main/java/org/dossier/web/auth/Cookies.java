package org.dossier.web.auth;

import io.javalin.http.Context;

/** Writes the few cookies Dossier sets: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
final class Cookies {
    private Cookies() {}

    static void set(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    static void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    /**
     * HTTPS directly, or behind a proxy that says so. {@code X-Forwarded-Proto} is believed from any
     * peer, not only from {@code DOSSIER_TRUSTED_PROXIES}, on purpose: it can only add
     * {@code Secure}, and a Secure cookie that came over plain HTTP is merely not sent back, so a
     * forged header harms only its sender (a browser cannot be made to send it to another site
     * without a CORS preflight, which this server never grants). Requiring a trusted peer would
     * instead drop {@code Secure} behind a TLS-terminating proxy that nobody listed.
     */
    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String secure(Context ctx) {
        return https(ctx) ? "; Secure" : "";
    }
}
