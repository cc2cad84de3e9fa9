package org.dossier.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dossier.tenant.Tenant;

/** The model every page's layout needs: language, title, service branding, language switch. */
public final class Pages {
    private Pages() {}

    /** Layout of a page outside any service (home, errors before a tenant is known). */
    public static Map<String, Object> layout(Context ctx, Locale locale, String title) {
        Tenant tenant = ctx.attribute("dossier.tenant");
        Map<String, Object> model = new HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("title", title);
        model.put("serviceName", tenant == null ? "Dossier" : tenant.name());
        model.put("brandCssUrl", tenant == null ? "/assets/css/brand-default.css" : "/t/" + tenant.slug() + "/brand.css");
        model.put("homeUrl", tenant == null ? "/" : "/t/" + tenant.slug() + "/records");
        model.put("langSwitchUrls", Map.of("fr", withLang(ctx, "fr"), "en", withLang(ctx, "en")));
        model.put("flash", "");
        return model;
    }

    /** The current URL with {@code lang} set, other query parameters kept. */
    static String withLang(Context ctx, String lang) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?lang=").append(lang);
        ctx.queryParamMap().forEach((name, values) -> {
            if (!"lang".equals(name)) {
                values.forEach(value -> url.append('&').append(encode(name)).append('=').append(encode(value)));
            }
        });
        return url.toString();
    }

    public static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
