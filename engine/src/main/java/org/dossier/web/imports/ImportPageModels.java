package org.dossier.web.imports;

import java.util.List;

/** The typed models of the import pages ({@code pages/import}, {@code pages/import-run}). */
final class ImportPageModels {
    private ImportPageModels() {}

    /** A run in the list of the service's latest imports. */
    record RunLine(String href, String fileName, String status, String createdAt, int rows) {}

    /** {@code pages/import}: the upload form and the latest runs. */
    record StartPage(String formAction, List<RunLine> runs, String error) {}

    /** A field a column can fill, in a column's select. */
    record Choice(String key, String label, boolean selected) {}

    /** A column of the file: its heading, a sample value, and the select of fields. */
    record ColumnLine(int index, String heading, String inputId, List<Choice> choices, boolean externalId) {}

    /** A line of the report. */
    record ProblemLine(int row, String field, String value, String message) {}

    /** A mismatch of the post-import check: where, never what. */
    record MismatchLine(int row, String field) {}

    /** An outcome and its count. */
    record OutcomeLine(String label, int count) {}

    /**
     * {@code pages/import-run}: one run, as far as it went.
     *
     * @param refresh      seconds before the page reloads itself while the run is queued or running (0: never)
     * @param editable     whether the mapping can be changed and a run started
     * @param importable   whether the import may be started (a dry run ended, or a failed import resumed)
     */
    record RunPage(String formAction, String fileName, String status, String statusKey, int refresh, boolean editable,
                   boolean importable, List<ColumnLine> columns, boolean existingUpdate, boolean allOrNothing,
                   boolean hasTotals, int rows, int valid, int invalid, int fresh, int existing, int done,
                   List<ProblemLine> problems, int problemsShown, boolean moreProblems, String errorsHref,
                   boolean checked, List<OutcomeLine> outcomes, int checkedCount, int equal, int mismatched,
                   List<MismatchLine> mismatches, String failure, String backHref) {}
}
