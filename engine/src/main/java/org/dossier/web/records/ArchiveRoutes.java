package org.dossier.web.records;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.MANAGE_ARCHIVE;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** An admin's archive actions on one case file: reactivation and legal holds, each a page then a post. */
final class ArchiveRoutes {
    private ArchiveRoutes() {}

    static void register(AccessRoutes access, Services services, WebKit web) {
        ArchivePages pages = new ArchivePages(services.archive(), services.records(), web.formBody(),
                services.messages(), web.templates());
        access.tenant(GET, "/t/{tenant}/records/{id}/reactivate", MANAGE_ARCHIVE, pages::reactivateForm);
        access.tenant(POST, "/t/{tenant}/records/{id}/reactivate", MANAGE_ARCHIVE, pages::reactivate);
        access.tenant(GET, "/t/{tenant}/records/{id}/hold", MANAGE_ARCHIVE, pages::holdForm);
        access.tenant(POST, "/t/{tenant}/records/{id}/hold", MANAGE_ARCHIVE, pages::hold);
        access.tenant(GET, "/t/{tenant}/records/{id}/hold/lift", MANAGE_ARCHIVE, pages::liftForm);
        access.tenant(POST, "/t/{tenant}/records/{id}/hold/lift", MANAGE_ARCHIVE, pages::lift);
    }
}
