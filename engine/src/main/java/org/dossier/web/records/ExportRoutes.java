package org.dossier.web.records;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.EXPORT_RECORDS;

import org.dossier.Services;
import org.dossier.export.CaseFileExport;
import org.dossier.web.auth.AccessRoutes;

/** The export of case files: from the list page, and the API. Registered before the case file's own routes. */
public final class ExportRoutes {
    private ExportRoutes() {}

    public static void register(AccessRoutes access, Services services) {
        ExportPages pages = new ExportPages(new CaseFileExport(services.jdbi(), services.forms(), services.records(),
                services.audit(), services.mapper(), services.attachments()));
        access.tenant(GET, "/t/{tenant}/records/export", EXPORT_RECORDS, pages::download);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/export", EXPORT_RECORDS, pages::download);
    }
}
