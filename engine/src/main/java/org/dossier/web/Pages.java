package org.dossier.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.modules.Modules;
import org.dossier.tenant.Tenant;
import org.dossier.web.auth.Authenticator;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.LayoutModel;
import org.dossier.web.view.LayoutModel.NavLink;

/** The model every page's layout needs: language, title, service branding, menu, language switch. */
public final class Pages {
    private Pages() {}

    /** Layout of any page; the service's branding and menu appear once the route admitted the caller to it. */
    public static Map<String, Object> layout(Context ctx, Locale locale, String title) {
        Tenant tenant = ctx.attribute(RequestContext.TENANT);
        Optional<Principal> principal = Authenticator.current(ctx);
        return new LayoutModel(
                locale.getLanguage(),
                title,
                tenant == null ? "Dossier" : tenant.name(),
                tenant == null ? "/assets/css/brand-default.css" : "/t/" + tenant.slug() + "/brand.css",
                tenant == null ? "/" : RequestContext.access(ctx).map(ServiceHome::of).orElse("/t/" + tenant.slug() + "/records"),
                new LayoutModel.LangSwitchUrls(withLang(ctx, "fr"), withLang(ctx, "en")),
                Optional.empty(),
                principal.map(p -> p.user().displayName()).orElse(""),
                nav(ctx, locale, principal),
                csrfToken(ctx),
                tenant == null ? "" : tenant.logoUrl(),
                Authenticator.idleTimeout(ctx).map(java.time.Duration::toSeconds).orElse(0L)).toModel();
    }

    /** The signed-in session's CSRF token, for the forms of a page; empty when signed out or called with a token. */
    public static String csrfToken(Context ctx) {
        return Authenticator.current(ctx).flatMap(Principal::session).map(session -> session.csrfToken()).orElse("");
    }

    private static List<NavLink> nav(Context ctx, Locale locale, Optional<Principal> principal) {
        List<NavLink> links = new ArrayList<>();
        if (principal.isEmpty()) {
            return links;
        }
        String path = ctx.path();
        Optional<TenantAccess> access = RequestContext.access(ctx);
        if (access.isPresent()) {
            String base = "/t/" + access.get().tenant().slug();
            if (access.get().can(Permission.READ_RECORDS)) {
                links.add(link(locale, "nav.records", base + "/records", path));
                if (RequestContext.modulesOn(ctx).contains(Modules.EVICTION)) {
                    links.add(link(locale, "nav.evictions", base + "/evictions", path));
                }
                if (RequestContext.modulesOn(ctx).contains(Modules.DASHBOARD)) {
                    links.add(link(locale, "nav.dashboard", base + "/dashboard", path));
                }
            }
            if (access.get().can(Permission.CUSTOMISE_SERVICE)) {
                links.add(link(locale, "nav.form", base + "/admin/form", path));
                links.add(link(locale, "nav.branding", base + "/admin/branding", path));
            }
            if (access.get().can(Permission.MANAGE_USERS)) {
                links.add(link(locale, "nav.users", base + "/admin/users", path));
            }
            if (access.get().can(Permission.IMPORT_RECORDS)) {
                links.add(link(locale, "nav.import", base + "/admin/imports", path));
            }
            if (access.get().can(Permission.DATA_PROTECTION)) {
                links.add(link(locale, "nav.register", base + "/admin/register", path));
                links.add(link(locale, "nav.access", base + "/admin/access", path));
                links.add(link(locale, "nav.lifecycle", base + "/admin/lifecycle", path));
            }
            if (access.get().can(Permission.READ_AUDIT)) {
                links.add(link(locale, "nav.audit", base + "/admin/audit", path));
            }
        } else {
            links.add(new NavLink(UiText.get(locale, "nav.services"), "/", path.equals("/")));
        }
        if (principal.get().user().superAdmin()) {
            links.add(link(locale, "nav.platform", "/admin/services", path));
            links.add(link(locale, "nav.stats", "/admin/stats", path));
            links.add(link(locale, "nav.lifecycle", "/admin/lifecycle", path));
            links.add(link(locale, "nav.register", "/admin/register", path));
        }
        links.add(link(locale, "nav.account", "/account", path));
        return links;
    }

    private static NavLink link(Locale locale, String key, String url, String path) {
        return new NavLink(UiText.get(locale, key), url, path.equals(url) || path.startsWith(url + "/"));
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
