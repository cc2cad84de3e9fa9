package org.dossier.web.records;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;
import static org.dossier.account.Permission.DATA_PROTECTION;
import static org.dossier.account.Permission.READ_RECORDS;
import static org.dossier.account.Permission.WRITE_RECORDS;

import java.time.Clock;
import org.dossier.Services;
import org.dossier.retention.ErasureRequests;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The case-file pages and the records API. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class RecordRoutes {
    private RecordRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        ConflictPages conflicts = new ConflictPages(web.formBody(), services.forms(), web.json(), services.records(),
                services.renderer(), web.templates(), access.kept(), services.referents());
        RecordPages records = new RecordPages(services.coercer(), web.formBody(), services.forms(), web.json(),
                services.messages(), services.records(), services.renderer(), web.templates(), conflicts,
                access.kept(), services.referents(), AttachmentRoutes.uploads(services), services.attachments());
        RecordApi api = new RecordApi(services.forms(), services.records(), web.json(), services.archive());
        SectionPages sections = new SectionPages(services.coercer(), web.formBody(), services.forms(),
                services.records(), services.renderer(), web.templates(), conflicts, access.kept(),
                services.referents(), services.archive(), AttachmentRoutes.uploads(services), services.attachments());
        FollowUpPages followUps = new FollowUpPages(services.coercer(), web.formBody(), services.forms(),
                web.json().mapper(), services.messages(), services.records(), services.renderer(), web.templates(),
                access.kept());
        RecordListPages list = new RecordListPages(services.forms(), services.records(), services.referents(),
                services.renderer(), web.templates(), services.archive());
        ReferentSettingPages referentSetting = new ReferentSettingPages(services.referents(), web.formBody(),
                web.templates());

        // A new case file or an edit posted after the session expired is shown again, filled in, after login.
        access.kept().formAt("/t/{tenant}/records", "/t/{tenant}/records/new");
        access.kept().formAt("/t/{tenant}/records/{id}", "/t/{tenant}/records/{id}/edit");
        // So is a section's page and a follow-up entry, each on its own page.
        access.kept().formAt("/t/{tenant}/records/{id}/sections/{section}");
        access.kept().formAt("/t/{tenant}/records/{id}/follow-up");
        // And the merge page's choices: shown again by GET …/merge, merged anew against the case file as it is then.
        access.kept().formAt("/t/{tenant}/records/{id}/merge");
        // The pages showing a form to change a case file answer 409 for an archived one (ArchiveGuard).
        access.tenant(GET, "/t/{tenant}/records", READ_RECORDS, list::list);
        ExportRoutes.register(access, services);
        org.dossier.web.imports.ImportRoutes.register(access, services, web);
        access.tenant(GET, "/t/{tenant}/admin/referent", CUSTOMISE_SERVICE, referentSetting::show);
        access.tenant(POST, "/t/{tenant}/admin/referent", CUSTOMISE_SERVICE, referentSetting::save);
        access.tenant(POST, "/t/{tenant}/records", WRITE_RECORDS, records::create);
        access.tenant(GET, "/t/{tenant}/records/new", WRITE_RECORDS, records::newForm);
        access.tenant(GET, "/t/{tenant}/records/{id}", READ_RECORDS, OneHandle.of(services.jdbi(), sections::summary));
        access.tenant(POST, "/t/{tenant}/records/{id}", WRITE_RECORDS, records::update);
        access.tenant(GET, "/t/{tenant}/records/{id}/edit", WRITE_RECORDS,
                ArchiveGuard.writable(services.archive(), records::editForm));
        access.tenant(GET, "/t/{tenant}/records/{id}/merge", WRITE_RECORDS,
                ArchiveGuard.writable(services.archive(), conflicts::restoreKept));
        access.tenant(POST, "/t/{tenant}/records/{id}/merge", WRITE_RECORDS, conflicts::resolve);
        access.tenant(GET, "/t/{tenant}/records/{id}/sections/{section}", WRITE_RECORDS,
                ArchiveGuard.writable(services.archive(), sections::edit));
        access.tenant(POST, "/t/{tenant}/records/{id}/sections/{section}", WRITE_RECORDS, sections::save);
        access.tenant(GET, "/t/{tenant}/records/{id}/follow-up", WRITE_RECORDS,
                ArchiveGuard.writable(services.archive(), followUps::form));
        access.tenant(POST, "/t/{tenant}/records/{id}/follow-up", WRITE_RECORDS, followUps::save);
        // Deleting a case file is an erasure request (GDPR Art. 17), by an admin or the DPO, archived files included.
        ErasureRequests erasures = new ErasureRequests(services.jdbi(), services.audit(), services.mapper(),
                Clock.systemUTC(), services.attachments()::afterCommit, services.metrics().product());
        ErasurePages erasure = new ErasurePages(erasures, web.formBody(), services.messages(), web.templates());
        access.tenant(GET, "/t/{tenant}/records/{id}/erase", DATA_PROTECTION, erasure::form);
        access.tenant(POST, "/t/{tenant}/records/{id}/erase", DATA_PROTECTION, erasure::erase);
        ArchiveRoutes.register(access, services, web);
        AttachmentRoutes.register(access, services, web);
        HistoryRoutes.register(access, services, web);
        access.tenant(GET, "/api/v1/tenants/{tenant}/forms/{form}", READ_RECORDS, api::getForm);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records", READ_RECORDS, api::search);
        // A retry with the same Idempotency-Key gets the first answer again instead of a second case file.
        access.tenant(POST, "/api/v1/tenants/{tenant}/records", WRITE_RECORDS,
                new org.dossier.web.idempotency.IdempotentCreation(new org.dossier.idempotency.IdempotencyKeys(
                        services.jdbi(), java.time.Clock.systemUTC()), web.json()).of(api::create));
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/{id}", READ_RECORDS, OneHandle.of(services.jdbi(), api::get));
        access.tenant(PUT, "/api/v1/tenants/{tenant}/records/{id}", WRITE_RECORDS, api::update);
        access.tenant(DELETE, "/api/v1/tenants/{tenant}/records/{id}", DATA_PROTECTION,
                new ErasureApi(erasures, web.json())::erase);
    }
}
