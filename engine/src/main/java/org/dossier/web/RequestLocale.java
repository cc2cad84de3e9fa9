package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Locale;
import java.util.Optional;
import org.dossier.validation.Locales;

/**
 * The language of a request: {@code ?lang=} (remembered in a cookie), then the cookie, then
 * Accept-Language; French by default.
 */
public final class RequestLocale {
    private static final String COOKIE = "lang";
    private static final String ATTRIBUTE = "dossier.locale";

    private RequestLocale() {}

    public static Locale of(Context ctx) {
        Locale cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Optional<String> explicit = Optional.ofNullable(ctx.queryParam("lang")).filter(RequestLocale::supported);
        explicit.ifPresent(lang -> {
            Cookie cookie = new Cookie(COOKIE, lang);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setSameSite(SameSite.LAX);
            cookie.setHttpOnly(true);
            ctx.cookie(cookie);
        });
        Optional<String> chosen = explicit.or(() -> Optional.ofNullable(ctx.cookie(COOKIE)).filter(RequestLocale::supported));
        Locale locale = Locales.resolve(chosen, Optional.ofNullable(ctx.header("Accept-Language")));
        ctx.attribute(ATTRIBUTE, locale);
        return locale;
    }

    private static boolean supported(String lang) {
        return "fr".equals(lang) || "en".equals(lang);
    }
}
