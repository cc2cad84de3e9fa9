package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.record.RecordPage;
import org.dossier.record.RecordSort;
import org.dossier.referent.ReferentChoices;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.junit.jupiter.api.Test;

/** The list's pager past the count's bound: next page while one is reachable, then the hint to narrow the list. */
class RecordListViewPagerTest {
    private static final Tenant TENANT = new Tenant(new TenantId(1), "pager", "Pager", "#000000", 0,
            Instant.parse("2026-01-01T00:00:00Z"), false, false, RetentionPolicy.DEFAULT);
    private static final RecordListView.Labels LABELS = new RecordListView.Labels(Map.of(), Map.of(),
            new ReferentChoices(false, Map.of(), Map.of()));

    private static RecordListView view(RecordPage page) {
        RecordListState state = new RecordListState("", "", "", "", false, false, RecordSort.DEFAULT, page.page(), false);
        return RecordListView.of(TENANT, page, state, LABELS, Locale.FRENCH);
    }

    @Test
    void a_capped_list_links_the_next_page_until_the_last_reachable_one() {
        RecordListView first = view(new RecordPage(List.of(), 10_000, 1, 20, true));
        RecordListView last = view(new RecordPage(List.of(), 10_000, 500, 20, true));

        assertThat(first.nextUrl()).contains("page=2");
        assertThat(first.beyondLastPage()).isFalse();
        assertThat(last.nextUrl()).isEmpty();
        assertThat(last.previousUrl()).contains("page=499");
        assertThat(last.beyondLastPage()).isTrue();
        assertThat(last.pageCount()).isEqualTo(500);
    }

    @Test
    void an_exact_list_ends_without_the_hint() {
        RecordListView last = view(new RecordPage(List.of(), 45, 3, 20, false));

        assertThat(last.nextUrl()).isEmpty();
        assertThat(last.beyondLastPage()).isFalse();
    }
}
