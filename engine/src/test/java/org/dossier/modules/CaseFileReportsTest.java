package org.dossier.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's counts: by status from the index, the answers of all fields in one bounded read. */
class CaseFileReportsTest {
    private static Services services;
    private static Tenant tenant;
    private static List<CaseRecord> created = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "case-file-reports");
        // Created in this order, so the last three modified are of the sud antenne; then an archived one and a held one.
        String[] antennes = {"nord", "nord", "sud", "sud", "sud"};
        String[] statuses = {"en_cours", "en_veille", "en_cours", "en_cours", "en_veille"};
        for (int i = 0; i < antennes.length; i++) {
            ObjectNode data = TestRecords.validData("Reportzyx" + i);
            ((ObjectNode) data.get("accompagnement")).put("antenne", antennes[i]).put("statut", statuses[i]);
            created.add(services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                    Locale.FRENCH));
        }
        ObjectNode archived = TestRecords.validData("Reportzyxold");
        ((ObjectNode) archived.get("accompagnement")).put("antenne", "est");
        CaseRecord old = services.records().create(tenant.id(), FormService.CASE_FILE, archived, Actor.system("test"),
                Locale.FRENCH);
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at, updated_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id", old.id()).execute());
        ObjectNode heldData = TestRecords.validData("Reportzyxheld");
        ((ObjectNode) heldData.get("accompagnement")).put("antenne", "ouest");
        CaseRecord held = services.records().create(tenant.id(), FormService.CASE_FILE, heldData, Actor.system("test"),
                Locale.FRENCH);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at, updated_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id", held.id()).execute());
        services.archive().placeHold(tenant.id(), held.id(), "Contentieux", Actor.system("test"));
    }

    @Test
    void by_status_counts_every_active_case_file_and_the_held_old_one_not_the_archived_one() {
        Map<String, Long> byStatus = services.reports().byStatus(tenant.id());

        assertThat(byStatus).containsExactly(Map.entry("en_cours", 4L), Map.entry("en_veille", 2L));
    }

    @Test
    void answers_count_every_field_in_one_read_as_each_field_alone_would() {
        CaseFileReports.Answers answers = services.reports().answers(tenant.id(),
                List.of("$.accompagnement.antenne", "$.identite.civilite"));

        assertThat(answers.bounded()).isFalse();
        assertThat(answers.caseFiles()).isEqualTo(6);
        assertThat(answers.byPath().get("$.accompagnement.antenne"))
                .isEqualTo(services.reports().byAnswer(tenant.id(), "$.accompagnement.antenne"))
                .containsEntry("sud", 3L).containsEntry("nord", 2L).containsEntry("ouest", 1L)
                .doesNotContainKey("est");
        assertThat(answers.byPath().get("$.identite.civilite"))
                .isEqualTo(services.reports().byAnswer(tenant.id(), "$.identite.civilite"));
    }

    @Test
    void answers_beyond_the_bound_count_the_case_files_modified_last_and_say_so() {
        CaseFileReports.Answers answers = services.reports().answers(tenant.id(), List.of("$.accompagnement.antenne"), 3);

        assertThat(answers.bounded()).isTrue();
        assertThat(answers.caseFiles()).isEqualTo(3);
        // The three modified last are the last three created, all of the sud antenne.
        assertThat(answers.byPath().get("$.accompagnement.antenne")).containsExactly(Map.entry("sud", 3L));
    }

    @Test
    void a_shared_field_is_counted_exactly_over_every_active_case_file_unless_the_service_offers_its_own_options() {
        java.util.Set<String> base = java.util.Set.of("centre", "nord", "sud", "est", "ouest");

        // As the bounded read does with no bound, but from the counts kept as case files are written.
        assertThat(services.reports().exactAnswers(tenant.id(), "$.accompagnement.antenne", base)).hasValue(
                services.reports().answers(tenant.id(), List.of("$.accompagnement.antenne")).byPath()
                        .get("$.accompagnement.antenne"));
        assertThat(services.reports().exactAnswers(tenant.id(), "$.accompagnement.statut",
                java.util.Set.of("en_cours", "en_veille"))).hasValue(services.reports().byStatus(tenant.id()));
        // An option of the service's own is not among the base's counted positions: counted by reading instead.
        assertThat(services.reports().exactAnswers(tenant.id(), "$.accompagnement.antenne",
                java.util.Set.of("nord", "antenne_locale"))).isEmpty();
        // A field of the service's own is not counted by the triggers.
        assertThat(services.reports().exactAnswers(tenant.id(), "$.accompagnement.champ_local", java.util.Set.of()))
                .isEmpty();
    }
}
