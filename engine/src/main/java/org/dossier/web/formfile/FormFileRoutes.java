package org.dossier.web.formfile;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;

import org.dossier.Services;
import org.dossier.formfile.FormFiles;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** Forms as files: the admin's page and API, and the super-admin's creation of a service from a file. */
public final class FormFileRoutes {
    private FormFileRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        FormFiles files = new FormFiles(services.jdbi(), services.mapper(), services.forms(), services.designer(),
                services.audit());
        FormFilePages pages = new FormFilePages(files, services.designer(), web.json(), web.templates());
        FormFileApi api = new FormFileApi(files, services.designer(), web.json());
        ServiceImportPages serviceImport = new ServiceImportPages(services.onboarding(), services.forms(), files,
                services.messages(), web.json(), web.templates());

        access.tenant(GET, "/t/{tenant}/admin/form/files", CUSTOMISE_SERVICE, pages::show);
        access.tenant(POST, "/t/{tenant}/admin/form/files", CUSTOMISE_SERVICE, pages::upload);
        access.tenant(GET, "/t/{tenant}/admin/form/files/definition.json", CUSTOMISE_SERVICE, pages::downloadDefinition);
        access.tenant(GET, "/t/{tenant}/admin/form/files/customisation.json", CUSTOMISE_SERVICE, pages::downloadCustomisation);
        access.tenant(GET, "/t/{tenant}/admin/form/files/draft.json", CUSTOMISE_SERVICE, pages::downloadDraft);
        access.tenant(GET, "/api/v1/tenants/{tenant}/forms/{form}/definition", CUSTOMISE_SERVICE, api::definition);
        access.tenant(GET, "/api/v1/tenants/{tenant}/forms/{form}/customisation", CUSTOMISE_SERVICE, api::customisation);
        access.tenant(GET, "/api/v1/tenants/{tenant}/forms/{form}/draft", CUSTOMISE_SERVICE, api::draft);
        access.tenant(PUT, "/api/v1/tenants/{tenant}/forms/{form}/draft", CUSTOMISE_SERVICE, api::putDraft);
        access.tenant(POST, "/api/v1/tenants/{tenant}/forms/{form}/publish", CUSTOMISE_SERVICE, api::publish);
        access.platform(GET, "/admin/services/import", serviceImport::show);
        access.platform(POST, "/admin/services/import", serviceImport::create);
        access.platform(POST, "/api/v1/tenants/from-definition", serviceImport::createApi);
    }
}
