package org.dossier.web.pages;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.web.Pages;
import org.dossier.web.UiText;
import org.dossier.web.RequestLocale;

/** The entry page: the services hosted on this instance. */
public final class HomePage {
    private final Services services;

    public HomePage(Services services) {
        this.services = services;
    }

    public void show(Context ctx) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "home.title"));
        model.put("tenants", services.tenants().listAll());
        ctx.html(services.templates().render("pages/home", model, locale));
    }
}
