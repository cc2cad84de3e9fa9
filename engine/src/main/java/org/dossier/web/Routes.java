package org.dossier.web;

import io.javalin.config.RoutesConfig;
import org.dossier.Services;
import org.dossier.web.api.RecordApi;
import org.dossier.web.pages.HomePage;
import org.dossier.web.pages.RecordPages;

/** Every route of the application, in one block. */
public final class Routes {
    private Routes() {}

    public static void register(RoutesConfig routes, Services services) {
        RequestContext requests = new RequestContext(services.tenants());
        HealthController health = new HealthController(services.jdbi(), services.migrations(), services.json());
        RecordApi api = new RecordApi(requests, services.forms(), services.records(), services.json());
        RecordPages pages = new RecordPages(requests, services);
        HomePage home = new HomePage(services);
        BrandCss brand = new BrandCss(requests);

        routes.get("/health/live", health::live);
        routes.get("/health/ready", health::ready);

        routes.get("/", home::show);
        routes.get("/t/{tenant}/brand.css", brand::serve);
        routes.get("/t/{tenant}/records", pages::list);
        routes.post("/t/{tenant}/records", pages::create);
        routes.get("/t/{tenant}/records/new", pages::newForm);
        routes.get("/t/{tenant}/records/{id}", pages::view);
        routes.post("/t/{tenant}/records/{id}", pages::update);
        routes.get("/t/{tenant}/records/{id}/edit", pages::editForm);
        routes.get("/t/{tenant}/records/{id}/delete", pages::confirmDelete);
        routes.post("/t/{tenant}/records/{id}/delete", pages::delete);

        routes.get("/api/v1/tenants/{tenant}/forms/{form}", api::getForm);
        routes.get("/api/v1/tenants/{tenant}/records", api::search);
        routes.post("/api/v1/tenants/{tenant}/records", api::create);
        routes.get("/api/v1/tenants/{tenant}/records/{id}", api::get);
        routes.put("/api/v1/tenants/{tenant}/records/{id}", api::update);
        routes.delete("/api/v1/tenants/{tenant}/records/{id}", api::delete);
    }
}
