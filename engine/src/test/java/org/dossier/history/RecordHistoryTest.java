package org.dossier.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormScope;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.retention.CaseFileErasure;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The history every save keeps, through each engine path a save takes (creation, full update,
 * section save, row append, seeding), against the real database: exactly the changed fields,
 * masked for a reader without the grant, not in clear in the table, and erased with the case file.
 */
@Tag("integration")
class RecordHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ALICE = new Actor("alice@test", "127.0.0.1");
    private static final Actor BRUNO = new Actor("bruno@test", "127.0.0.1");
    private static final String SECRET = "Signalement au juge des enfants";
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "history");
    }

    private static ObjectNode data() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14", "motifs": ["logement"]},
                 "identite": {"nom": "Berger", "prenom": "Hélène", "date_naissance": "1984-02-29"},
                 "membres_foyer": [{"nom": "Berger", "prenom": "Léo", "lien": "enfant"}],
                 "notes_confidentielles": {"contenu": "%s"}}
                """.formatted(SECRET));
    }

    private static CaseRecord create() throws Exception {
        return services.records().create(tenant.id(), FormService.CASE_FILE, data(), ALICE, Locale.FRENCH);
    }

    /** The changes of the save that produced {@code version}, pointer to [before, after], as the grant holder reads them. */
    private static Map<String, List<String>> changesOf(RecordId id, int version) {
        ChangeEntry entry = services.records().history().all(tenant.id(), id, true).stream()
                .filter(candidate -> candidate.lockVersion() == version).findFirst().orElseThrow();
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (FieldChange change : entry.changes()) {
            changes.put(change.pointer(), List.of(text(change.before()), text(change.after())));
        }
        return changes;
    }

    private static String text(Optional<JsonNode> value) {
        return value.map(node -> node.isTextual() ? node.asText() : node.toString()).orElse("—");
    }

    @Test
    void a_creation_keeps_every_value_it_set_with_who_and_the_form_version() throws Exception {
        CaseRecord record = create();

        List<ChangeEntry> history = services.records().history().all(tenant.id(), record.id(), true);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).changedBy()).isEqualTo("alice@test");
        assertThat(history.get(0).schemaVersion()).isEqualTo(1);
        assertThat(history.get(0).creation()).isTrue();
        assertThat(changesOf(record.id(), 1)).containsExactly(
                Map.entry("/accompagnement/statut", List.of("—", "en_cours")),
                Map.entry("/accompagnement/date_ouverture", List.of("—", "2025-03-14")),
                Map.entry("/accompagnement/motifs", List.of("—", "[\"logement\"]")),
                Map.entry("/identite/nom", List.of("—", "Berger")),
                Map.entry("/identite/prenom", List.of("—", "Hélène")),
                Map.entry("/identite/date_naissance", List.of("—", "1984-02-29")),
                Map.entry("/membres_foyer/0/nom", List.of("—", "Berger")),
                Map.entry("/membres_foyer/0/prenom", List.of("—", "Léo")),
                Map.entry("/membres_foyer/0/lien", List.of("—", "enfant")),
                Map.entry("/notes_confidentielles/contenu", List.of("—", SECRET)));
    }

    @Test
    void a_creation_is_stored_without_its_values_which_are_worked_back_from_the_case_file() throws Exception {
        CaseRecord record = create();
        ObjectNode changed = data();
        ((ObjectNode) changed.get("identite")).put("nom", "Bergé").put("lieu_naissance", "Lyon");
        ((ObjectNode) changed.get("notes_confidentielles")).put("contenu", "Nouvelle note");
        services.records().update(tenant.id(), record.id(), 1, changed, BRUNO, Locale.FRENCH);
        ObjectNode again = changed.deepCopy();
        ((ObjectNode) again.get("identite")).put("nom", "Berger-Morel");
        ((ObjectNode) again.get("accompagnement")).remove("motifs");
        services.records().update(tenant.id(), record.id(), 2, again, BRUNO, Locale.FRENCH);

        assertThat(storedChanges(record.id(), 1)).isEqualTo("[]");
        assertThat(changesOf(record.id(), 1)).containsEntry("/identite/nom", List.of("—", "Berger"))
                .containsEntry("/accompagnement/motifs", List.of("—", "[\"logement\"]"))
                .containsEntry("/notes_confidentielles/contenu", List.of("—", SECRET))
                .doesNotContainKey("/identite/lieu_naissance").hasSize(10);
        List<FieldChange> masked = services.records().history().all(tenant.id(), record.id(), false).get(2).changes();
        assertThat(masked).filteredOn(FieldChange::confidential).singleElement()
                .satisfies(change -> assertThat(change.masked()).isTrue());
        assertThat(masked).filteredOn(change -> change.pointer().equals("/identite/nom")).singleElement()
                .satisfies(change -> assertThat(change.after()).contains(JSON.getNodeFactory().textNode("Berger")));
    }

    private static String storedChanges(RecordId id, int version) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT changes FROM record_changes WHERE tenant_id = :t AND record_id = :id AND lock_version = :v""")
                .bind("t", tenant.id()).bind("id", id).bind("v", version).mapTo(String.class).one());
    }

    @Test
    void a_full_update_keeps_exactly_the_fields_it_changed_old_and_new() throws Exception {
        CaseRecord record = create();
        ObjectNode changed = data();
        ((ObjectNode) changed.get("identite")).put("prenom", "Hélèna").put("lieu_naissance", "Lyon");
        ((ObjectNode) changed.get("accompagnement")).remove("motifs");

        services.records().update(tenant.id(), record.id(), 1, changed, BRUNO, Locale.FRENCH);

        assertThat(changesOf(record.id(), 2)).containsExactly(
                Map.entry("/identite/prenom", List.of("Hélène", "Hélèna")),
                Map.entry("/identite/lieu_naissance", List.of("—", "Lyon")),
                Map.entry("/accompagnement/motifs", List.of("[\"logement\"]", "—")));
        assertThat(services.records().history().all(tenant.id(), record.id(), true).get(0).changedBy())
                .isEqualTo("bruno@test");
    }

    @Test
    void a_save_that_changes_nothing_leaves_no_entry() throws Exception {
        CaseRecord record = create();

        services.records().update(tenant.id(), record.id(), 1, data(), BRUNO, Locale.FRENCH);

        assertThat(services.records().history().all(tenant.id(), record.id(), true))
                .extracting(ChangeEntry::lockVersion).containsExactly(1);
    }

    @Test
    void a_section_save_keeps_the_fields_of_its_section_only() throws Exception {
        CaseRecord record = create();
        ObjectNode posted = JSON.createObjectNode();
        posted.putObject("identite").put("nom", "Bergé").put("prenom", "Hélène").put("date_naissance", "1984-02-29");

        services.records().update(tenant.id(), record.id(), 1, posted, BRUNO, Locale.FRENCH, true,
                FormScope.of(java.util.Set.of("identite")));

        assertThat(changesOf(record.id(), 2)).containsExactly(Map.entry("/identite/nom", List.of("Berger", "Bergé")));
    }

    @Test
    void a_row_appended_keeps_the_new_row_s_fields_only() throws Exception {
        CaseRecord record = create();
        ObjectNode row = JSON.createObjectNode().put("date", "2025-05-01").put("type", "appel").put("resume", "Relance");

        services.records().appendRow(tenant.id(), record.id(), "suivis", row, BRUNO, Locale.FRENCH, false);

        assertThat(changesOf(record.id(), 2)).containsExactly(
                Map.entry("/suivis/0/date", List.of("—", "2025-05-01")),
                Map.entry("/suivis/0/type", List.of("—", "appel")),
                Map.entry("/suivis/0/resume", List.of("—", "Relance")));
    }

    @Test
    void a_save_without_the_grant_keeps_the_confidential_value_and_records_no_change_of_it() throws Exception {
        CaseRecord record = create();
        ObjectNode posted = data();
        posted.remove("notes_confidentielles");
        ((ObjectNode) posted.get("identite")).put("nom", "Morel");

        services.records().update(tenant.id(), record.id(), 1, posted, BRUNO, Locale.FRENCH, false);

        assertThat(changesOf(record.id(), 2)).containsExactly(Map.entry("/identite/nom", List.of("Berger", "Morel")));
    }

    @Test
    void a_confidential_change_is_masked_without_the_grant_and_never_stored_in_clear() throws Exception {
        CaseRecord record = create();
        ObjectNode changed = data();
        ((ObjectNode) changed.get("notes_confidentielles")).put("contenu", "Nouvelle note");
        services.records().update(tenant.id(), record.id(), 1, changed, BRUNO, Locale.FRENCH);

        assertThat(changesOf(record.id(), 2)).containsExactly(
                Map.entry("/notes_confidentielles/contenu", List.of(SECRET, "Nouvelle note")));
        FieldChange masked = services.records().history().all(tenant.id(), record.id(), false).get(0).changes().get(0);
        assertThat(masked.masked()).isTrue();
        assertThat(masked.before()).contains(com.fasterxml.jackson.databind.node.NullNode.getInstance());
        assertThat(masked.after()).contains(com.fasterxml.jackson.databind.node.NullNode.getInstance());
        assertThat(services.records().history().all(tenant.id(), record.id(), false).get(0).revealsConfidential())
                .isFalse();
        // The values are sealed with the service's data key, bound to the case file, never in clear.
        String stored = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT changes FROM record_changes WHERE tenant_id = :t AND record_id = :id AND lock_version = 2""")
                .bind("t", tenant.id()).bind("id", record.id()).mapTo(String.class).one());
        assertThat(JSON.readTree(stored).get(0).get("c").asBoolean()).isTrue();
        assertThat(JSON.readTree(stored).get(0).get("a").asText()).startsWith(org.dossier.crypto.ConfidentialCipher.PREFIX);
        assertThat(stored).doesNotContain(SECRET);
    }

    @Test
    void the_seal_takes_the_confidential_values_and_only_them() throws Exception {
        HistoryValues.Seal reversing = new HistoryValues.Seal() {
            @Override
            public String seal(org.dossier.tenant.TenantId tenantId, RecordId recordId, String clear) {
                return new StringBuilder(clear).reverse().toString();
            }

            @Override
            public String open(org.dossier.tenant.TenantId tenantId, RecordId recordId, String sealed) {
                return new StringBuilder(sealed).reverse().toString();
            }
        };
        HistoryValues values = new HistoryValues(JSON, reversing);
        List<FieldChange> changes = ChangeDiff.between(services.forms().latest(tenant.id(), FormService.CASE_FILE)
                .effectiveSchema(), null, data());

        RecordId someFile = RecordId.generate();
        String stored = values.encode(tenant.id(), someFile, changes);

        assertThat(stored).doesNotContain(SECRET).contains(new StringBuilder(SECRET).reverse())
                .contains("\"a\":\"Berger\"");
        assertThat(values.decode(tenant.id(), someFile, stored, true)).isEqualTo(changes);
    }

    @Test
    void seeding_keeps_the_creation_too() throws Exception {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> services.records().insertValidated(handle, tenant.id(), form,
                TestDataOnly.named("Seedé"), ALICE, Instant.parse("2025-01-01T10:00:00Z")));
        RecordId seeded = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM records WHERE tenant_id = :t AND last_name = 'Seedé'")
                .bind("t", tenant.id()).mapTo(RecordId.class).one());

        assertThat(changesOf(seeded, 1)).containsEntry("/identite/nom", List.of("—", "Seedé"));
    }

    @Test
    void the_history_goes_with_the_case_file_by_every_deletion() throws Exception {
        CaseRecord erased = create();
        CaseRecord deleted = create();
        CaseRecord kept = create();

        services.jdbi().useTransaction(handle -> new CaseFileErasure().erase(handle, tenant.id(), erased.id(),
                Instant.now(), Optional.empty()));
        new org.dossier.retention.ErasureRequests(services.jdbi(), services.audit(), services.mapper(),
                java.time.Clock.systemUTC()).erase(tenant.id(), deleted.id(), deleted.lockVersion(),
                "Demande d'effacement reçue", ALICE);

        assertThat(rows(erased.id())).isZero();
        assertThat(rows(deleted.id())).isZero();
        assertThat(rows(kept.id())).isOne();
    }

    @Test
    void a_service_s_erasure_takes_its_whole_history() throws Exception {
        Tenant gone = TestTenants.withBaseForm(services, "history-gone");
        services.records().create(gone.id(), FormService.CASE_FILE, data(), ALICE, Locale.FRENCH);
        CaseRecord kept = create();

        CaseFileErasure.ServiceErasure erasure = services.jdbi().inTransaction(handle ->
                new CaseFileErasure().eraseService(handle, gone.id()));

        assertThat(erasure.history()).isOne();
        assertThat(rows(kept.id())).isOne();
    }

    private static long rows(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM record_changes WHERE tenant_id = :t AND record_id = :id")
                .bind("t", tenant.id()).bind("id", id).mapTo(Long.class).one());
    }

    /** Seeded data, built the way the seeder stores it (already valid). */
    private static final class TestDataOnly {
        static JsonNode named(String lastName) {
            return org.dossier.testing.TestRecords.validData(lastName);
        }
    }
}
