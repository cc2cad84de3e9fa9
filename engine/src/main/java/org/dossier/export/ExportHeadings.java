package org.dossier.export;

/**
 * The headings of the columns every export has, and the name of the case files' sheet, in the
 * reader's language (the web layer reads them from its bundles).
 */
public record ExportHeadings(String id, String formVersion, String phase, String createdAt, String updatedAt,
                             String row, String caseFiles) {
    /** The machine keys of the same columns, in the second header row and in CSV and JSON lines. */
    public static final String ID = "id";
    public static final String FORM_VERSION = "form_version";
    public static final String PHASE = "phase";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String ROW = "row";
}
