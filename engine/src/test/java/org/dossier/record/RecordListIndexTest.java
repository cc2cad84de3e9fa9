package org.dossier.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every filter and order of the list is served from an index that yields the page in order (no
 * filesort of the matches), per MariaDB's EXPLAIN, and its COUNT reads that same index.
 */
@Tag("integration")
class RecordListIndexTest {
    private static final String[] STATUSES = {"premier_accueil", "en_cours", "en_veille", "clos"};
    private static final String[] BRANCHES = {"centre", "nord", "sud", "est", "ouest"};

    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "listindex");
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < 400; i++) {
                ObjectNode data = TestRecords.validData("Nom" + (i * 7919 % 400));
                ((ObjectNode) data.get("accompagnement")).put("statut", STATUSES[i % 4])
                        .put("antenne", BRANCHES[i % 5]).put("referent", "Référent " + (i % 40))
                        .put("date_ouverture", "20" + (10 + i % 15) + "-0" + (1 + i % 9) + "-1" + (i % 10));
                if (i % 4 == 3) {
                    ((ObjectNode) data.get("accompagnement")).put("date_cloture", "2025-12-01");
                }
                services.records().insertValidated(handle, tenant.id(), form, data, Actor.system("test"),
                        Instant.now().truncatedTo(ChronoUnit.MICROS));
            }
            handle.createUpdate("UPDATE records SET to_complete = TRUE WHERE tenant_id = :t AND status = 'clos'")
                    .bind("t", tenant.id()).execute();
            handle.execute("ANALYZE TABLE records");
        });
    }

    private static List<RecordFilters> filterSets() {
        Optional<String> status = Optional.of("en_cours");
        Optional<String> antenne = Optional.of("nord");
        return List.of(RecordFilters.NONE,
                new RecordFilters(status, Optional.empty(), List.of(), false),
                new RecordFilters(Optional.empty(), antenne, List.of(), false),
                new RecordFilters(status, antenne, List.of(), false),
                new RecordFilters(Optional.empty(), Optional.empty(), List.of("Référent 3"), false),
                new RecordFilters(status, antenne, List.of("Référent 3"), true),
                new RecordFilters(Optional.empty(), Optional.empty(), List.of(), true),
                new RecordFilters(status, Optional.empty(), List.of(), true));
    }

    private static List<Map<String, Object>> explain(RecordQuery query, boolean count) {
        return services.jdbi().withHandle(handle -> new RecordDao(handle).explainSearch(tenant.id(), query, count));
    }

    @Test
    void every_filter_and_order_reads_its_page_in_order_from_the_chosen_index() {
        List<String> problems = new ArrayList<>();
        for (RecordFilters filters : filterSets()) {
            for (RecordSort sort : RecordSort.values()) {
                RecordQuery query = RecordQuery.of(FormService.CASE_FILE, "", filters, sort, 1, 20);
                Map<String, Object> plan = explain(query, false).get(0);
                String expected = RecordListIndex.choose(filters, sort.column());
                String extra = String.valueOf(plan.get("extra"));
                if (!expected.equals(plan.get("key")) || extra.contains("filesort")) {
                    problems.add(filters + " " + sort + ": key " + plan.get("key") + ", " + extra);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_bench_s_filter_status_and_antenne_by_name_uses_the_status_antenne_name_index_for_page_and_count() {
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, "", new RecordFilters(Optional.of("en_cours"),
                Optional.of("nord"), List.of(), false), RecordSort.NAME_ASC, 1, 20);

        Map<String, Object> page = explain(query, false).get(0);
        Map<String, Object> count = explain(query, true).get(0);

        assertThat(page.get("key")).isEqualTo("records_by_status_antenne_name");
        assertThat(String.valueOf(page.get("extra"))).doesNotContain("filesort");
        assertThat(count.get("key")).isEqualTo("records_by_status_antenne_name");
        assertThat(String.valueOf(count.get("extra"))).contains("Using index");
        assertThat(count.get("type")).isEqualTo("ref");
    }

    @Test
    void the_phase_condition_keeps_the_active_list_and_the_archives_in_their_index_and_the_count_covering() {
        for (RecordQuery query : List.of(RecordQuery.of(FormService.CASE_FILE, "", new RecordFilters(Optional.of("en_cours"),
                        Optional.of("nord"), List.of(), false), RecordSort.NAME_ASC, 1, 20),
                RecordQuery.of(FormService.CASE_FILE, "nom1", RecordFilters.NONE, RecordSort.UPDATED_DESC, 1, 20))) {
            for (RecordQuery scoped : List.of(query, query.inArchives())) {
                List<Map<String, Object>> page = explain(scoped, false);
                List<Map<String, Object>> count = explain(scoped, true);
                String index = RecordListIndex.choose(scoped.filters(), scoped.sort().column());

                assertThat(page.get(0).get("key")).isEqualTo(index);
                assertThat(String.valueOf(page.get(0).get("extra"))).doesNotContain("filesort");
                assertThat(count.get(0).get("key")).isEqualTo(index);
                assertThat(String.valueOf(count.get(0).get("extra"))).contains("Using index");
                // The holds: read through their primary key (one lookup per case file past its active years,
                // or, for the archives, the service's holds read once).
                assertThat(page.get(1)).containsEntry("table", "h").containsEntry("key", "PRIMARY");
            }
        }
    }

    @Test
    void filtered_results_match_the_filters_in_the_asked_order() {
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, "", new RecordFilters(Optional.of("en_cours"),
                Optional.of("nord"), List.of(), false), RecordSort.NAME_DESC, 1, 100);

        RecordPage page = services.records().search(tenant.id(), query);

        assertThat(page.total()).isEqualTo(20);
        assertThat(page.items()).hasSize(20).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo("en_cours");
            assertThat(item.antenne()).isEqualTo("nord");
        });
        List<String> names = page.items().stream().map(RecordSummary::lastName).toList();
        assertThat(names).isSortedAccordingTo(java.util.Comparator.<String>reverseOrder());
    }

    @Test
    void the_count_is_exact_up_to_the_bound_and_stops_there_beyond_it() {
        Tenant large = seeded("listbound", 25);
        RecordQuery all = RecordQuery.of(FormService.CASE_FILE, "", 1, 4);

        RecordPage below = services.records().search(large.id(), all.withCountBound(30));
        RecordPage at = services.records().search(large.id(), all.withCountBound(25));
        RecordPage above = services.records().search(large.id(), all.withCountBound(10));
        RecordPage exact = services.records().search(large.id(), all);

        assertThat(below.total()).isEqualTo(25);
        assertThat(below.totalCapped()).isFalse();
        assertThat(at.total()).isEqualTo(25);
        assertThat(at.totalCapped()).isFalse();
        assertThat(above.total()).isEqualTo(10);
        assertThat(above.totalCapped()).isTrue();
        assertThat(above.items()).hasSize(4);
        assertThat(exact.total()).isEqualTo(25);
        assertThat(exact.totalCapped()).isFalse();
    }

    @Test
    void past_the_bound_the_pager_offers_the_next_page_up_to_the_last_reachable_one() {
        Tenant large = seeded("listpager", 25);
        // Bound 10, 4 per page: pages 1 to 3 are reachable (the third ends at the 12th row).
        RecordPage first = services.records().search(large.id(),
                RecordQuery.of(FormService.CASE_FILE, "", 1, 4).withCountBound(10));
        RecordPage second = services.records().search(large.id(),
                RecordQuery.of(FormService.CASE_FILE, "", 2, 4).withCountBound(10));
        RecordPage deep = services.records().search(large.id(),
                RecordQuery.of(FormService.CASE_FILE, "", 6, 4).withCountBound(10));
        RecordPage smallLast = services.records().search(large.id(),
                RecordQuery.of(FormService.CASE_FILE, "", 7, 4).withCountBound(100));

        assertThat(first.hasNext()).isTrue();
        assertThat(first.beyondLastPage()).isFalse();
        assertThat(second.hasNext()).isTrue();
        assertThat(deep.page()).isEqualTo(3);
        assertThat(deep.items()).hasSize(4);
        assertThat(deep.hasNext()).isFalse();
        assertThat(deep.beyondLastPage()).isTrue();
        assertThat(smallLast.page()).isEqualTo(7);
        assertThat(smallLast.items()).hasSize(1);
        assertThat(smallLast.hasNext()).isFalse();
        assertThat(smallLast.beyondLastPage()).isFalse();
    }

    @Test
    void every_page_size_and_bound_gives_the_total_and_rows_an_exact_count_and_a_full_list_give() {
        Tenant sweep = seeded("listsweep", 25);
        List<RecordId> all = services.records().search(sweep.id(), RecordQuery.of(FormService.CASE_FILE, "", 1, 100))
                .items().stream().map(RecordSummary::id).toList();
        assertThat(all).hasSize(25);
        // "" is counted first from the activity index; two terms matching every case file read the page first.
        for (String text : List.of("", "borne borne"))
        for (int bound : new int[] {0, 5, 10, 23, 24, 25, 26, 30}) {
            for (int size : new int[] {1, 4, 5, 7, 24, 25, 26}) {
                for (int asked = 1; asked <= 30; asked++) {
                    RecordQuery query = RecordQuery.of(FormService.CASE_FILE, text, asked, size);
                    query = bound == 0 ? query : query.withCountBound(bound);
                    RecordPage page = services.records().search(sweep.id(), query);
                    String said = "'" + text + "', bound " + bound + ", size " + size + ", page " + query.page();
                    boolean capped = bound > 0 && 25 > bound;
                    assertThat(page.total()).as(said).isEqualTo(capped ? bound : 25);
                    assertThat(page.totalCapped()).as(said).isEqualTo(capped);
                    int from = Math.min(query.offset(), 25);
                    assertThat(page.items().stream().map(RecordSummary::id).toList()).as(said)
                            .isEqualTo(all.subList(from, Math.min(from + size, 25)));
                }
            }
        }
    }

    @Test
    void with_a_term_or_a_filter_the_count_is_not_read_when_the_page_tells_the_total() {
        Tenant few = seeded("listfew", 25);
        // Two terms: the list's walk, the page read first (one term is a name search, no term the phase's count).
        String all = "borne borne";
        RecordQuery firstOfAll = RecordQuery.of(FormService.CASE_FILE, all, 1, 30).withCountBound(10_000);
        RecordQuery middle = RecordQuery.of(FormService.CASE_FILE, all, 2, 10).withCountBound(10_000);
        RecordQuery last = RecordQuery.of(FormService.CASE_FILE, all, 3, 10).withCountBound(10_000);
        RecordQuery deepest = RecordQuery.of(FormService.CASE_FILE, all, 9, 2).withCountBound(17);
        RecordQuery pastTheEnd = RecordQuery.of(FormService.CASE_FILE, all, 4, 10);

        assertThat(counts(statementsRead(few, firstOfAll))).isZero();
        assertThat(counts(statementsRead(few, middle))).isOne();
        assertThat(counts(statementsRead(few, last))).isZero();
        assertThat(counts(statementsRead(few, deepest))).isZero();
        assertThat(counts(statementsRead(few, pastTheEnd))).isOne();
    }

    @Test
    void with_neither_term_nor_filter_the_count_reads_the_activity_index_first_and_no_page_past_the_end() {
        Tenant few = seeded("listphase", 25);
        List<String> first = statementsRead(few, RecordQuery.of(FormService.CASE_FILE, "", 1, 10).withCappedCount());
        List<String> pastTheEnd = statementsRead(few, RecordQuery.of(FormService.CASE_FILE, "", 4, 10));
        List<String> archives = statementsRead(few,
                RecordQuery.of(FormService.CASE_FILE, "", 1, 10).withCappedCount().inArchives());

        for (List<String> statements : List.of(first, pastTheEnd, archives)) {
            assertThat(statements.stream().filter(sql -> sql.contains("COUNT(")).toList()).singleElement()
                    .asString().contains("records_by_form_activity");
        }
        assertThat(first.stream().filter(sql -> sql.contains("page_id"))).hasSize(1);
        assertThat(pastTheEnd.stream().filter(sql -> sql.contains("page_id"))).isEmpty();
        for (RecordQuery query : List.of(RecordQuery.of(FormService.CASE_FILE, "", 1, 10).withCappedCount(),
                RecordQuery.of(FormService.CASE_FILE, "", 1, 10).withCappedCount().inArchives())) {
            List<Map<String, Object>> plan = services.jdbi().withHandle(handle ->
                    new RecordDao(handle).explainPhaseCount(few.id(), query));
            Map<String, Object> records = plan.stream().filter(row -> "records".equals(row.get("table"))).findFirst()
                    .orElseThrow();
            assertThat(records).containsEntry("key", "records_by_form_activity").containsEntry("type", "range");
            assertThat(String.valueOf(records.get("extra"))).contains("Using index");
        }
    }

    private static long counts(List<String> statements) {
        return statements.stream().filter(sql -> sql.contains("COUNT(")).count();
    }

    /** The statements a search runs, as sent. */
    private static List<String> statementsRead(Tenant tenant, RecordQuery query) {
        return services.jdbi().withHandle(handle -> {
            List<String> statements = new ArrayList<>();
            handle.addCustomizer(new org.jdbi.v3.core.statement.StatementCustomizer() {
                @Override
                public void beforeExecution(java.sql.PreparedStatement statement,
                                            org.jdbi.v3.core.statement.StatementContext ctx) {
                    statements.add(ctx.getRenderedSql());
                }
            });
            new RecordDao(handle).search(tenant.id(), query, Instant.now());
            return statements;
        });
    }

    @Test
    void the_list_s_bound_is_ten_thousand_and_deep_pages_stop_at_it() {
        RecordQuery deep = RecordQuery.of(FormService.CASE_FILE, "", 5_000, 20).withCappedCount();

        assertThat(RecordQuery.LIST_COUNT_BOUND).isEqualTo(10_000);
        assertThat(deep.countLimit()).isEqualTo(10_001);
        assertThat(deep.page()).isEqualTo(500);
        assertThat(deep.offset() + deep.pageSize()).isEqualTo(10_000);
    }

    private static Tenant seeded(String prefix, int count) {
        Tenant large = TestTenants.withBaseForm(services, prefix);
        CompiledForm form = services.forms().latest(large.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < count; i++) {
                services.records().insertValidated(handle, large.id(), form, TestRecords.validData("Borne" + i),
                        Actor.system("test"), Instant.now().truncatedTo(ChronoUnit.MICROS));
            }
        });
        return large;
    }
}
