package org.dossier.record;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A search over one tenant's case files: name terms, filters, an order and a 1-based page. Terms
 * are bounded in number and length, whatever the caller sends. A search finds the active case
 * files (and held ones), or with {@code archives} only the archived ones (see
 * {@link org.dossier.retention.CaseFilePhase}).
 */
public record RecordQuery(String formKey, List<String> terms, RecordFilters filters, RecordSort sort, int page,
                          int pageSize, boolean cappedCount, boolean archives) {
    /**
     * The list page counts its matches up to this many past the rows it shows, no further: an
     * exact count of every case file of a large service reads its whole index on every page.
     */
    public static final int LIST_COUNT_CAP = 1000;
    public static final int MAX_TERMS = 4;
    public static final int MAX_TERM_LENGTH = 100;
    public static final int MAX_PAGE = 100_000;

    public static RecordQuery of(String formKey, String text, int page, int pageSize) {
        return of(formKey, text, RecordFilters.NONE, RecordSort.DEFAULT, page, pageSize);
    }

    public static RecordQuery of(String formKey, String text, RecordFilters filters, RecordSort sort, int page,
                                 int pageSize) {
        List<String> terms = text == null ? List.of() : Arrays.stream(text.trim().split("\\s+"))
                .filter(term -> !term.isEmpty())
                .map(term -> term.length() > MAX_TERM_LENGTH ? term.substring(0, MAX_TERM_LENGTH) : term)
                .map(term -> term.toLowerCase(Locale.ROOT))
                .limit(MAX_TERMS)
                .toList();
        int boundedPage = Math.min(Math.max(page, 1), MAX_PAGE);
        return new RecordQuery(formKey, terms, filters, sort, boundedPage, Math.min(Math.max(pageSize, 1), 100), false,
                false);
    }

    /** The same query, counting at most {@link #LIST_COUNT_CAP} matches past this page (the list page). */
    public RecordQuery withCappedCount() {
        return new RecordQuery(formKey, terms, filters, sort, page, pageSize, true, archives);
    }

    /**
     * The same query over the archives: case files out of their active years and not held,
     * instead of the active ones (the default).
     */
    public RecordQuery inArchives() {
        return new RecordQuery(formKey, terms, filters, sort, page, pageSize, cappedCount, true);
    }

    /** How many matches the count reads at most before it stops: one more than it reports. */
    long countLimit() {
        return Math.max(LIST_COUNT_CAP, (long) offset() + pageSize) + 1;
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    /** The term as a LIKE prefix pattern, with the pattern metacharacters escaped by '!'. */
    public static String prefixPattern(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
