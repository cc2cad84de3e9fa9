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
     * HTTPS directly, or behind a proxy that says so. Trusting the header is harmless here: a
     * Secure cookie sent over plain HTTP is merely not sent back.
     */
    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String secure(Context ctx) {
        return https(ctx) ? "; Secure" : "";
    }
}
