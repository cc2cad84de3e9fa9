package org.dossier.web.records;

import java.util.Locale;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;

/** A record's identity and history as the view, edit and delete pages show it. */
public record RecordMeta(String id, String displayName, String url, String editUrl, String eraseUrl, int lockVersion,
                         int schemaVersion, String createdAt, String createdBy, String updatedAt, String updatedBy) {

    static RecordMeta of(Tenant tenant, CaseRecord record, Locale locale) {
        String url = "/t/" + tenant.slug() + "/records/" + record.id();
        String last = record.data().path("identite").path("nom").asText("");
        String first = record.data().path("identite").path("prenom").asText("");
        String name = (last.toUpperCase(Locale.FRENCH) + " " + first).trim();
        return new RecordMeta(record.id().toString(), name, url, url + "/edit", url + "/erase", record.lockVersion(),
                record.schemaVersion(), Dates.time(record.createdAt(), locale), record.createdBy(),
                Dates.time(record.updatedAt(), locale), record.updatedBy());
    }
}
