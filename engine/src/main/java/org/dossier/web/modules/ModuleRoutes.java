package org.dossier.web.modules;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.READ_RECORDS;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The modules' pages: evictions and the dashboard. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class ModuleRoutes {
    private ModuleRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        ModulePages modulePages = new ModulePages(services.forms(), services.modules(), services.renderer(), services.reports(),
                web.templates());

        access.tenant(GET, "/t/{tenant}/evictions", READ_RECORDS, modulePages::evictions);
        access.tenant(GET, "/t/{tenant}/dashboard", READ_RECORDS, modulePages::dashboard);
    }
}
