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
                          int pageSize, int countBound, boolean archives) {
    /**
     * The list (page and API) counts its matches up to this many, no further, and pages no deeper:
     * an exact count of every case file of a large service, or an OFFSET past its 100,000th row,
     * reads that whole part of the index on every page. Beyond it, the filters narrow the list.
     */
    public static final int LIST_COUNT_BOUND = 10_000;
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
        return new RecordQuery(formKey, terms, filters, sort, boundedPage, Math.min(Math.max(pageSize, 1), 100), 0,
                false);
    }

    /**
     * The same query, counting at most {@link #LIST_COUNT_BOUND} matches and reaching no page past
     * them (the list page and the API's list).
     */
    public RecordQuery withCappedCount() {
        return withCountBound(LIST_COUNT_BOUND);
    }

    /** The same query with a bound of its own: tests set it low to stay small. */
    RecordQuery withCountBound(int bound) {
        int lastReachablePage = Math.max(1, (bound + pageSize - 1) / pageSize);
        return new RecordQuery(formKey, terms, filters, sort, Math.min(page, lastReachablePage), pageSize, bound,
                archives);
    }

    /** Whether the count stops at {@link #countBound()} rather than counting every match. */
    public boolean cappedCount() {
        return countBound > 0;
    }

    /**
     * The same query over the archives: case files out of their active years and not held,
     * instead of the active ones (the default).
     */
    public RecordQuery inArchives() {
        return new RecordQuery(formKey, terms, filters, sort, page, pageSize, countBound, true);
    }

    /** How many matches the count reads at most before it stops: one more than it reports. */
    long countLimit() {
        return (long) countBound + 1;
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    /** The term as a LIKE prefix pattern, with the pattern metacharacters escaped by '!'. */
    public static String prefixPattern(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
