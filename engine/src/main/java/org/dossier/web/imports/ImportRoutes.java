package org.dossier.web.imports;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.IMPORT_RECORDS;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The import of case files: the admin's pages and the API. Registered before the case file's own routes. */
public final class ImportRoutes {
    private ImportRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        ImportPages pages = new ImportPages(services.imports(), services.messages(), web.formBody(), web.templates());
        ImportApi api = new ImportApi(services.imports(), web.json());
        access.tenant(GET, "/t/{tenant}/admin/imports", IMPORT_RECORDS, pages::start);
        access.tenant(POST, "/t/{tenant}/admin/imports", IMPORT_RECORDS, pages::upload);
        access.tenant(GET, "/t/{tenant}/admin/imports/{id}", IMPORT_RECORDS, pages::run);
        access.tenant(POST, "/t/{tenant}/admin/imports/{id}", IMPORT_RECORDS, pages::launch);
        access.tenant(GET, "/t/{tenant}/admin/imports/{id}/errors.csv", IMPORT_RECORDS, pages::errors);
        access.tenant(POST, "/api/v1/tenants/{tenant}/records/imports", IMPORT_RECORDS, api::create);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/imports/{id}", IMPORT_RECORDS, api::get);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/imports/{id}/errors.csv", IMPORT_RECORDS, pages::errors);
    }
}
