package org.dossier.web.branding;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** A service's stylesheet, logo and branding page. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class BrandingRoutes {
    private BrandingRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        BrandCss brand = new BrandCss();
        BrandingPages branding = new BrandingPages(services.branding(), services.logos(), services.messages(), web.templates(),
                services.tenants());

        access.tenant(GET, "/t/{tenant}/brand.css", null, brand::serve);
        access.tenant(GET, "/t/{tenant}/logo", null, branding::logo);
        access.tenant(GET, "/t/{tenant}/admin/branding", CUSTOMISE_SERVICE, branding::show);
        access.tenant(POST, "/t/{tenant}/admin/branding", CUSTOMISE_SERVICE, branding::save);
    }
}
