package org.dossier.web.register;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;
import static org.dossier.account.Permission.DATA_PROTECTION;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The register of processing pages and downloads, each registered through {@link AccessRoutes} with who may call it. */
public final class RegisterRoutes {
    private RegisterRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        RegisterPages pages = new RegisterPages(services.register(), web.templates());
        RegisterDownloads downloads = new RegisterDownloads(services.register(), web.templates(), services.mapper());
        ControllerPages controller = new ControllerPages(services.register(), services.tenants(), web.templates(),
                web.formBody());
        access.tenant(GET, "/t/{tenant}/admin/register", DATA_PROTECTION, pages::service);
        access.tenant(GET, "/t/{tenant}/admin/register.pdf", DATA_PROTECTION, downloads::pdf);
        access.tenant(GET, "/t/{tenant}/admin/register.json", DATA_PROTECTION, downloads::json);
        access.tenant(GET, "/api/v1/tenants/{tenant}/register", DATA_PROTECTION, downloads::json);
        access.tenant(GET, "/t/{tenant}/admin/register/controller", CUSTOMISE_SERVICE, controller::show);
        access.tenant(POST, "/t/{tenant}/admin/register/controller", CUSTOMISE_SERVICE, controller::save);
        access.platform(GET, "/admin/register", pages::platform);
        access.platform(GET, "/admin/register/{slug}/controller", controller::showForPlatform);
        access.platform(POST, "/admin/register/{slug}/controller", controller::saveForPlatform);
    }
}
