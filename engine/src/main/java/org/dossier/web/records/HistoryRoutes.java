package org.dossier.web.records;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.READ_RECORDS;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The history of a case file, for whoever may read it. */
final class HistoryRoutes {
    private HistoryRoutes() {}

    static void register(AccessRoutes access, Services services, WebKit web) {
        HistoryPages pages = new HistoryPages(services.records(), services.forms(), web.templates());
        access.tenant(GET, "/t/{tenant}/records/{id}/history", READ_RECORDS, pages::show);
    }
}
