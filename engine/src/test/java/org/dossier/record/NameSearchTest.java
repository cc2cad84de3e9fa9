package org.dossier.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A search by one name prefix, read from the two name indexes: the same case files as the list's
 * own walk finds (last or first name, accents either way, active and held ones, not archived ones),
 * in the list's order, its count bounded as the list's.
 */
class NameSearchTest {
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "name-search");
        create("Zorglubnsx", "Hélène");
        create("Hélixnsx", "Marc");
        create("Martinnsx", "Zoé");
        CaseRecord archived = create("Heldernsx", "Paul");
        CaseRecord held = create("Helmutnsx", "Anna");
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant();
        for (CaseRecord old : List.of(archived, held)) {
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                    .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id", old.id()).execute());
        }
        services.archive().placeHold(tenant.id(), held.id(), "Contentieux", Actor.system("test"));
    }

    private static CaseRecord create(String lastName, String firstName) {
        ObjectNode data = TestRecords.validData(lastName);
        ((ObjectNode) data.get("identite")).put("prenom", firstName);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static RecordPage search(String text, RecordFilters filters) {
        return services.records().search(tenant.id(),
                RecordQuery.of(FormService.CASE_FILE, text, filters, RecordSort.DEFAULT, 1, 20).withCappedCount());
    }

    private static List<String> names(RecordPage page) {
        return page.items().stream().map(RecordSummary::lastName).toList();
    }

    @Test
    void one_prefix_finds_last_and_first_names_accents_either_way_active_and_held_newest_first() {
        for (String text : List.of("hel", "Hél", "HEL", "hé")) {
            RecordPage page = search(text, RecordFilters.NONE);

            assertThat(NameSearch.applies(RecordQuery.of(FormService.CASE_FILE, text, 1, 20).withCappedCount())).isTrue();
            assertThat(page.total()).as(text).isEqualTo(3);
            assertThat(names(page)).as(text).containsExactly("Helmutnsx", "Hélixnsx", "Zorglubnsx");
        }
    }

    @Test
    void the_same_case_files_as_the_list_walk_with_a_filter_that_matches_them_all() {
        RecordFilters everyStatus = new RecordFilters(Optional.of("en_cours"), Optional.empty(), List.of(), false);

        RecordPage fromNameIndexes = search("hel", RecordFilters.NONE);
        RecordPage fromListWalk = search("hel", everyStatus);

        assertThat(NameSearch.applies(RecordQuery.of(FormService.CASE_FILE, "hel", everyStatus, RecordSort.DEFAULT, 1,
                20).withCappedCount())).isFalse();
        assertThat(names(fromNameIndexes)).isEqualTo(names(fromListWalk));
        assertThat(fromNameIndexes.total()).isEqualTo(fromListWalk.total());
    }

    @Test
    void the_count_stops_at_the_bound_and_says_so() {
        RecordPage page = services.records().search(tenant.id(),
                RecordQuery.of(FormService.CASE_FILE, "hel", 1, 20).withCountBound(2));

        assertThat(page.totalCapped()).isTrue();
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void every_bound_is_reached_from_the_last_names_alone_or_with_the_first_names_left_to_count() {
        // "hel": two active last names (Hélixnsx, Helmutnsx: held), one first name only (Hélène Zorglubnsx).
        for (int bound = 1; bound <= 4; bound++) {
            RecordPage page = services.records().search(tenant.id(),
                    RecordQuery.of(FormService.CASE_FILE, "hel", 1, 20).withCountBound(bound));

            assertThat(page.totalCapped()).as("bound " + bound).isEqualTo(bound < 3);
            assertThat(page.total()).as("bound " + bound).isEqualTo(Math.min(bound, 3));
        }
    }

    @Test
    void the_archives_searched_by_prefix_hold_the_archived_one_only() {
        RecordPage page = services.records().search(tenant.id(),
                RecordQuery.of(FormService.CASE_FILE, "hel", 1, 20).withCappedCount().inArchives());

        assertThat(names(page)).containsExactly("Heldernsx");
        assertThat(page.total()).isEqualTo(1);
    }
}
