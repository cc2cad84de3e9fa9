package org.dossier.web.auth;

import io.javalin.http.Context;

/**
 * Writes and reads the few cookies Dossier sets: HttpOnly, SameSite=Lax, and, whenever the
 * request came over HTTPS, Secure and named with the {@code __Host-} prefix.
 *
 * <p>A browser keeps a {@code __Host-} cookie only when it was set over HTTPS by this very host,
 * Secure, with {@code Path=/} and no {@code Domain}: a sibling subdomain, or a network attacker on
 * plain HTTP, cannot plant one. Over HTTPS only the prefixed name is read, so a cookie planted
 * under the bare name (the way to sign a victim in to the attacker's session, or to plant a login
 * form token) is never looked at.
 */
public final class Cookies {
    static final String HOST_PREFIX = "__Host-";

    private Cookies() {}

    public static void set(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", name(ctx, name) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    public static void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", name(ctx, name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    /** The cookie's value under the name this request uses, or null. */
    public static String read(Context ctx, String name) {
        return ctx.cookie(name(ctx, name));
    }

    static String name(Context ctx, String name) {
        return https(ctx) ? HOST_PREFIX + name : name;
    }

    /**
     * HTTPS directly, or behind a proxy that says so. {@code X-Forwarded-Proto} is believed from any
     * peer, not only from {@code DOSSIER_TRUSTED_PROXIES}, on purpose: it can only add
     * {@code Secure} and the prefix, and a Secure cookie that came over plain HTTP is merely not
     * sent back, so a forged header harms only its sender (a browser cannot be made to send it to
     * another site without a CORS preflight, which this server never grants). Requiring a trusted
     * peer would instead drop {@code Secure} behind a TLS-terminating proxy that nobody listed.
     */
    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String secure(Context ctx) {
        return https(ctx) ? "; Secure" : "";
    }
}
