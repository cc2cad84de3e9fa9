package org.dossier.web.accessrequest;

import java.util.List;

/** The typed models of the access request pages. */
final class AccessRequestPageModels {
    private AccessRequestPageModels() {}

    /** One case file found: who, its phase in words, and where to export or erase it. */
    record Match(String lastName, String firstName, String birthDate, String phase, boolean archived,
                 String exportUrl, String jsonUrl, String eraseUrl) {}

    /**
     * {@code pages/access-search}: the criteria as typed, and the case files found.
     *
     * @param searched whether a search ran (the criteria were enough)
     * @param limited  whether the search found more than it lists
     */
    record SearchPage(String action, String lastName, String firstName, String birthDate, boolean searched,
                      List<Match> matches, boolean limited) {}

    /** A labelled value of the case file. */
    record Field(String label, String value, boolean confidential) {}

    /** The case file's values under one section. */
    record Section(String title, List<Field> fields) {}

    /** One event of the case file's audit trail, its action in words. */
    record TrailEvent(String at, String actor, String action) {}

    /**
     * {@code pages/access-export}: the document answering an access request for one case file.
     *
     * @param confidentialNotice what the document says of confidential values (included, withheld, none held)
     * @param entries            the history's saves ({@code web/records/HistoryPageModels.Entry})
     */
    record ExportPage(String displayName, String service, String producedAt, String producedBy,
                      String confidentialNotice, String caseFileId, String createdAt, String createdBy,
                      String updatedAt, String updatedBy, List<Section> sections, String phase, String lastActivity,
                      String archivedOn, String deletedOn, String hold, List<org.dossier.web.records.HistoryPageModels.Entry> entries, List<TrailEvent> trail,
                      String jsonUrl, String searchUrl) {}

    /** The link to the same export as a ZIP holding the files' bytes too. */
    record Archive(String zipUrl) {}

    /** The case file's files in the export: what each is, never its bytes (those are downloaded from the case file). */
    record Files(List<File> attachments) {}

    record File(String name, String field, long size, String contentType, String sha256) {}
}
