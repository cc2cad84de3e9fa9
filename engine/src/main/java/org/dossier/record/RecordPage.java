package org.dossier.record;

import java.util.List;

/**
 * One page of a search, with the number of matches.
 *
 * @param total        the number of matches, or a lower bound when {@code totalCapped}
 * @param totalCapped  the count stopped at {@code total}: there are more matches than that (the
 *                     list counts at most {@link RecordQuery#LIST_COUNT_BOUND} and pages no further)
 */
public record RecordPage(List<RecordSummary> items, long total, int page, int pageSize, boolean totalCapped) {
    public RecordPage(List<RecordSummary> items, long total, int page, int pageSize) {
        this(items, total, page, pageSize, false);
    }

    /** The number of pages, or of the reachable pages when the count was capped. */
    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return page < pageCount();
    }

    /** On the last reachable page of a capped count: more matches exist than the list pages through. */
    public boolean beyondLastPage() {
        return totalCapped && !hasNext();
    }
}
