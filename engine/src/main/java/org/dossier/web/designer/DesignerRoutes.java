package org.dossier.web.designer;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The form designer and the source's updates. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class DesignerRoutes {
    private DesignerRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        DesignerPages designer = new DesignerPages(services.designer(), web.formBody(), services.forms(), web.json(),
                services.renderer(), web.templates(), services.upstreams());
        UpdatesPages updates = new UpdatesPages(services.designer(), web.formBody(), web.templates(), services.tenants(),
                services.upstreams());

        access.tenant(GET, "/t/{tenant}/admin/form", CUSTOMISE_SERVICE, designer::show);
        access.tenant(POST, "/t/{tenant}/admin/form", CUSTOMISE_SERVICE, designer::save);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields", CUSTOMISE_SERVICE, designer::addCustomField);
        access.tenant(GET, "/t/{tenant}/admin/form/custom-fields/{key}", CUSTOMISE_SERVICE, designer::editCustomField);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields/{key}", CUSTOMISE_SERVICE, designer::updateCustomField);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields/{key}/remove", CUSTOMISE_SERVICE, designer::removeCustomField);
        access.tenant(GET, "/t/{tenant}/admin/form/preview", CUSTOMISE_SERVICE, designer::preview);
        access.tenant(POST, "/t/{tenant}/admin/form/preview", CUSTOMISE_SERVICE, designer::previewFragment);
        access.tenant(GET, "/t/{tenant}/admin/form/publish", CUSTOMISE_SERVICE, designer::confirmPublish);
        access.tenant(POST, "/t/{tenant}/admin/form/publish", CUSTOMISE_SERVICE, designer::publish);
        access.tenant(GET, "/t/{tenant}/admin/form/history", CUSTOMISE_SERVICE, designer::history);
        access.tenant(GET, "/t/{tenant}/admin/form/updates", CUSTOMISE_SERVICE, updates::show);
        access.tenant(POST, "/t/{tenant}/admin/form/updates", CUSTOMISE_SERVICE, updates::pull);
        access.tenant(POST, "/t/{tenant}/admin/form/history/{version}/restore", CUSTOMISE_SERVICE, designer::restore);
    }
}
