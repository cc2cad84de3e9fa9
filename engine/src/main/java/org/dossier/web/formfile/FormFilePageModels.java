package org.dossier.web.formfile;

import java.util.List;

/** The typed models of the forms-as-files pages; each component is a variable of the page's template. */
final class FormFilePageModels {
    private FormFilePageModels() {}

    /**
     * One problem of a refused file, as the page lists it.
     *
     * @param why    what is wrong and what to do, in the page's language
     * @param detail the check's own words, in English (JSON Schema's vocabulary)
     */
    record ProblemRow(String path, String keyword, String why, String detail) {}

    /**
     * {@code admin/form-files}: the published version and its files, the draft's state, the import
     * form and, after a refusal, every problem (with the page's {@link org.dossier.web.view.PageErrors}).
     *
     * @param importedNotice  said after a successful import, with the link to publish; empty otherwise
     * @param draftImported   whether the draft is a definition imported from a file
     */
    record FilesPage(String base, String filesBase, int publishedVersion, boolean publishedImported,
                     boolean draftImported, String importedNotice, String fileName, List<ProblemRow> problems) {}

    /**
     * {@code pages/platform-service-import}: the creation form (values as typed), and the service just
     * created with its first admin's one-time password ({@code createdSlug} empty before).
     */
    record ServiceImportPage(String name, String slug, String adminEmail, String adminName, String fileName,
                             List<ProblemRow> problems, String createdName, String createdSlug,
                             String createdAdminEmail, String oneTimePassword) {}
}
