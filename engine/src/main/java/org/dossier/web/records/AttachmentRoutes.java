package org.dossier.web.records;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.READ_RECORDS;
import static org.dossier.account.Permission.WRITE_RECORDS;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The downloads of case files' files (page and API) and the API's upload. */
final class AttachmentRoutes {
    private AttachmentRoutes() {}

    static void register(AccessRoutes access, Services services, WebKit web) {
        AttachmentDownloads downloads = new AttachmentDownloads(services.attachments(), services.records(),
                services.forms(), services.archive(), web.json());
        AttachmentApi api = new AttachmentApi(services.attachments(), uploads(services), services.records(),
                services.forms(), web.json());
        access.tenant(GET, "/t/{tenant}/records/{id}/attachments/{attachment}", READ_RECORDS, downloads::download);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/{id}/attachments", READ_RECORDS, downloads::list);
        access.tenant(POST, "/api/v1/tenants/{tenant}/records/{id}/attachments", WRITE_RECORDS, api::upload);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/{id}/attachments/{attachment}", READ_RECORDS,
                downloads::download);
    }

    static AttachmentUploads uploads(Services services) {
        return new AttachmentUploads(services.attachments(), services.records(), services.messages());
    }
}
