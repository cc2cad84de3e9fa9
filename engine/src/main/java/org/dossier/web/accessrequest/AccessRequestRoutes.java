package org.dossier.web.accessrequest;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.DATA_PROTECTION;

import java.time.Clock;
import org.dossier.Services;
import org.dossier.accessrequest.AccessArchive;
import org.dossier.accessrequest.AccessExport;
import org.dossier.accessrequest.AccessExportJson;
import org.dossier.accessrequest.PersonSearch;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** Access requests, for whoever answers for the service's data (its admins and its DPO). */
public final class AccessRequestRoutes {
    private AccessRequestRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        Clock clock = Clock.systemUTC();
        AccessExport export = new AccessExport(services.jdbi(), services.records(), services.forms(),
                services.archive(), services.audit(), services.mapper(), clock, services.attachments());
        AccessRequestPages pages = new AccessRequestPages(
                new PersonSearch(services.jdbi(), clock, services.audit(), services.mapper()), export,
                new AccessExportJson(services.mapper()), web.templates());
        AccessArchiveDownload archive = new AccessArchiveDownload(export, new AccessExportJson(services.mapper()),
                new AccessArchive(services.attachments()));
        access.tenant(GET, "/t/{tenant}/admin/access", DATA_PROTECTION, pages::search);
        access.tenant(GET, "/t/{tenant}/records/{id}/access", DATA_PROTECTION, pages::document);
        access.tenant(GET, "/t/{tenant}/records/{id}/access.json", DATA_PROTECTION, pages::json);
        access.tenant(GET, "/t/{tenant}/records/{id}/access.zip", DATA_PROTECTION, archive::download);
    }
}
