package org.dossier.web.retention;

import java.util.List;

/** The typed models of the data lifecycle pages (rendered with {@code PageModel.of}). */
final class RetentionPageModels {
    private RetentionPageModels() {}

    /** A case file named and linked to its page, with a day (due date or hold date) and, for holds, why and by whom. */
    record CaseFileRow(String name, String url, String date, String reason, String by) {}

    /** One pass as a row: when, how it ended, and its counts (for one service or summed over all). */
    record RunRow(String started, String finished, String outcome, long archived, long deleted, long held,
                  long attachments) {}

    /** One service's line of the next pass's plan. */
    record PlanRow(String slug, long archived, long deleted, long held) {}

    /** {@code pages/retention-service}. */
    record ServicePage(long active, long archived, long dueForDeletion, long held, int horizonDays,
                       List<CaseFileRow> due, long dueMore, List<CaseFileRow> holds, List<RunRow> runs) {}

    /** {@code pages/retention-platform}. */
    record PlatformPage(List<RunRow> runs, List<PlanRow> plan) {}

    /** The layout's flash message, when a page shows one. */
    record Flash(String flash) {}
}
