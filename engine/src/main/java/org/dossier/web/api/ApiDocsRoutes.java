package org.dossier.web.api;

import static io.javalin.http.HandlerType.GET;

import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The API's description and its reference page: public, read-only, no service's data. */
public final class ApiDocsRoutes {
    private ApiDocsRoutes() {}

    public static void register(AccessRoutes access, WebKit web) {
        ApiDocsPages pages = new ApiDocsPages(ApiDescription.load(web.json().mapper()), web.templates());
        access.open(GET, ApiDocsPages.DESCRIPTION_PATH, pages::description);
        access.open(GET, "/api/docs", pages::reference);
    }
}
