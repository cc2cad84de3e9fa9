package org.dossier.web.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code layout.peb} needs on every page.
 *
 * @param lang           {@code fr} or {@code en}
 * @param title          the page title (the service name is appended)
 * @param serviceName    the tenant's display name, in the header
 * @param brandCssUrl    the tenant's stylesheet defining {@code --brand} and {@code --brand-contrast}
 * @param homeUrl        where the service name links to
 * @param langSwitchUrls the current page in French and in English
 * @param flash          a one-time message shown above the content
 * @param userName       the signed-in user's name, empty when nobody is signed in
 * @param nav            the links of the main menu, for what the user may do here
 * @param csrfToken      the session's CSRF token for the logout form, empty when signed out
 * @param logoUrl        the service's logo, empty when it has none
 * @param sessionIdleSeconds how long the page's session lasts without a request, for the warning
 *                       shown before it ends; 0 when no session signed the page in
 */
public record LayoutModel(String lang, String title, String serviceName, String brandCssUrl, String homeUrl,
                          LangSwitchUrls langSwitchUrls, Optional<String> flash, String userName, List<NavLink> nav,
                          String csrfToken, String logoUrl, long sessionIdleSeconds) {
    /** A page of no session (or that does not warn before it ends). */
    public LayoutModel(String lang, String title, String serviceName, String brandCssUrl, String homeUrl,
                       LangSwitchUrls langSwitchUrls, Optional<String> flash, String userName, List<NavLink> nav,
                       String csrfToken, String logoUrl) {
        this(lang, title, serviceName, brandCssUrl, homeUrl, langSwitchUrls, flash, userName, nav, csrfToken, logoUrl, 0);
    }

    public LayoutModel {
        Objects.requireNonNull(lang);
        Objects.requireNonNull(title);
        Objects.requireNonNull(serviceName);
        Objects.requireNonNull(brandCssUrl);
        Objects.requireNonNull(homeUrl);
        Objects.requireNonNull(langSwitchUrls);
        Objects.requireNonNull(flash);
        Objects.requireNonNull(userName);
        Objects.requireNonNull(nav);
        Objects.requireNonNull(csrfToken);
        Objects.requireNonNull(logoUrl);
    }

    /** A menu link; {@code current} marks the page's own section with {@code aria-current}. */
    public record NavLink(String label, String url, boolean current) {}

    /**
     * The links of the language switch.
     *
     * @param fr the current page with {@code ?lang=fr}
     * @param en the current page with {@code ?lang=en}
     */
    public record LangSwitchUrls(String fr, String en) {}

    /**
     * The layout's variables, to which a page adds its own; {@code flash} is empty when absent.
     * A mutable map on purpose: it is what {@link PageModel#of} extends with each page's record.
     */
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", lang);
        model.put("title", title);
        model.put("serviceName", serviceName);
        model.put("brandCssUrl", brandCssUrl);
        model.put("homeUrl", homeUrl);
        model.put("langSwitchUrls", langSwitchUrls);
        model.put("flash", flash.orElse(""));
        model.put("userName", userName);
        model.put("nav", nav);
        model.put("csrfToken", csrfToken);
        model.put("logoUrl", logoUrl);
        model.put("sessionIdleSeconds", sessionIdleSeconds);
        return model;
    }
}
