package org.dossier.record;

import java.util.List;

/** One page of a search, with the total number of matches. */
public record RecordPage(List<RecordSummary> items, long total, int page, int pageSize) {
    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
