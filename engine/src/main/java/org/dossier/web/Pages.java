package org.dossier.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.tenant.Tenant;
import org.dossier.web.view.LayoutModel;

/** The model every page's layout needs: language, title, service branding, language switch. */
public final class Pages {
    private Pages() {}

    /** Layout of a page outside any service (home, errors before a tenant is known). */
    public static Map<String, Object> layout(Context ctx, Locale locale, String title) {
        Tenant tenant = ctx.attribute(RequestContext.TENANT);
        return new LayoutModel(
                locale.getLanguage(),
                title,
                tenant == null ? "Dossier" : tenant.name(),
                tenant == null ? "/assets/css/brand-default.css" : "/t/" + tenant.slug() + "/brand.css",
                tenant == null ? "/" : "/t/" + tenant.slug() + "/records",
                new LayoutModel.LangSwitchUrls(withLang(ctx, "fr"), withLang(ctx, "en")),
                Optional.empty()).toModel();
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
