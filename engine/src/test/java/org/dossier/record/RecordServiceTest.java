package org.dossier.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditDao;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The record service and its SQL against the real database and migrations. */
@Tag("integration")
class RecordServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ACTOR = new Actor("agent@test", "127.0.0.1");
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "svc");
        other = TestTenants.withBaseForm(services, "svc-other");
    }

    static ObjectNode data(String lastName, String firstName, String status) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", status).put("date_ouverture", "2024-09-02");
        data.putObject("identite").put("nom", lastName).put("prenom", firstName).put("date_naissance", "1975-12-24");
        return data;
    }

    @Test
    void create_stores_the_record_its_indexed_columns_and_an_audit_event_together() {
        CaseRecord record = services.records().create(tenant.id(), "dossier", data("Dupont", "Anaïs", "en_cours"), ACTOR,
                Locale.FRENCH);

        var columns = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT last_name, first_name, birth_date, status, schema_version, lock_version, created_by
                          FROM records WHERE tenant_id = :t AND id = :id""")
                .bind("t", tenant.id()).bind("id", record.id()).mapToMap().one());
        assertThat(columns).containsEntry("last_name", "Dupont").containsEntry("first_name", "Anaïs")
                .containsEntry("birth_date", "1975-12-24").containsEntry("status", "en_cours")
                .containsEntry("schema_version", 1).containsEntry("lock_version", 1).containsEntry("created_by", "agent@test");
        List<String> actions = services.jdbi().withExtension(AuditDao.class,
                dao -> dao.actionsOn(tenant.id(), "record", record.id().toString()));
        assertThat(actions).containsExactly("record.created");
    }

    @Test
    void update_increments_the_lock_version_and_refuses_a_stale_one() {
        CaseRecord record = services.records().create(tenant.id(), "dossier", data("Roche", "Marc", "en_cours"), ACTOR,
                Locale.FRENCH);

        CaseRecord updated = services.records().update(tenant.id(), record.id(), 1, closed(), ACTOR, Locale.FRENCH);

        assertThat(updated.lockVersion()).isEqualTo(2);
        assertThatThrownBy(() -> services.records().update(tenant.id(), record.id(), 1, data("Roche", "Luc", "en_cours"),
                ACTOR, Locale.FRENCH))
                .isInstanceOf(StaleRecordException.class);
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/prenom").asText()).isEqualTo("Marc");
        List<String> actions = services.jdbi().withExtension(AuditDao.class,
                dao -> dao.actionsOn(tenant.id(), "record", record.id().toString()));
        assertThat(actions).containsExactly("record.created", "record.updated");
    }

    private static ObjectNode closed() {
        ObjectNode data = data("Roche", "Marc", "clos");
        ((ObjectNode) data.get("accompagnement")).put("date_cloture", "2025-01-01");
        return data;
    }

    @Test
    void invalid_data_throws_with_field_errors_and_stores_nothing() {
        long before = services.jdbi().withHandle(handle -> new RecordDao(handle).count(tenant.id()));

        assertThatThrownBy(() -> services.records().create(tenant.id(), "dossier", data("", "X", "inconnu"), ACTOR,
                Locale.FRENCH))
                .isInstanceOfSatisfying(RecordValidationException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.path() + " " + error.code())
                        .contains("/identite/nom minLength", "/accompagnement/statut enum"));
        long after = services.jdbi().withHandle(handle -> new RecordDao(handle).count(tenant.id()));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void another_tenants_record_is_not_found_for_read_or_update() {
        CaseRecord foreign = services.records().create(other.id(), "dossier", data("Étranger", "Yves", "en_cours"), ACTOR,
                Locale.FRENCH);

        assertThatThrownBy(() -> services.records().get(tenant.id(), foreign.id())).isInstanceOf(NoSuchRecordException.class);
        assertThatThrownBy(() -> services.records().update(tenant.id(), foreign.id(), 1, data("Pirate", "P", "en_cours"),
                ACTOR, Locale.FRENCH)).isInstanceOf(NoSuchRecordException.class);
        assertThat(services.records().get(other.id(), foreign.id()).data().at("/identite/nom").asText()).isEqualTo("Étranger");
    }

    @Test
    void search_matches_name_prefixes_accent_and_case_insensitively_and_pages() {
        Tenant searched = TestTenants.withBaseForm(services, "search");
        for (int i = 0; i < 25; i++) {
            services.records().create(searched.id(), "dossier", data("Lefèvre", "Prénom" + i, "en_cours"), ACTOR, Locale.FRENCH);
        }
        services.records().create(searched.id(), "dossier", data("Martin", "Élodie", "en_cours"), ACTOR, Locale.FRENCH);

        RecordPage lefevre = services.records().search(searched.id(), RecordQuery.of("dossier", "LEFEV", 1, 20));
        RecordPage secondPage = services.records().search(searched.id(), RecordQuery.of("dossier", "lefèvre", 2, 20));
        RecordPage elodie = services.records().search(searched.id(), RecordQuery.of("dossier", "elodie martin", 1, 20));

        assertThat(lefevre.total()).isEqualTo(25);
        assertThat(lefevre.items()).hasSize(20);
        assertThat(secondPage.items()).hasSize(5);
        assertThat(elodie.items()).extracting(RecordSummary::firstName).containsExactly("Élodie");
    }
}
