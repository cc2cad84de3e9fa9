package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Confidential fields over HTTP: masked for members without the grant, never erased by their
 * saves, refused when they post one, and each reveal to a member with the grant audited.
 */
@Tag("integration")
class ConfidentialFieldsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Suivi psychiatrique depuis 2019";
    private static Services services;
    private static Tenant tenant;
    private static User granted;
    private static User notGranted;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "conf");
        granted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        notGranted = TestUsers.member(services, tenant, Role.CASEWORKER, false);
    }

    private static CaseRecord recordWithNote(String lastName) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-03-14");
        data.putObject("identite").put("nom", lastName).put("prenom", "Inès").put("date_naissance", "1975-05-05");
        data.putObject("notes_confidentielles").put("contenu", NOTE);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String apiUrl(CaseRecord record) {
        return "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id();
    }

    private static long reveals(CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM audit_events
                         WHERE tenant_id = :t AND action = 'record.confidential.read' AND target_id = :id
                        """)
                .bind("t", tenant.id()).bind("id", record.id().toString()).mapTo(Long.class).one());
    }

    @Test
    void a_save_from_the_page_without_the_grant_keeps_the_stored_note() {
        CaseRecord record = recordWithNote("Garnier");
        TestClient browser = TestClient.browser(notGranted);
        String edit = browser.get("/t/" + tenant.slug() + "/records/" + record.id() + "/edit").body();
        assertThat(edit).doesNotContain(NOTE).doesNotContain("notes_confidentielles.contenu");

        List<Map.Entry<String, String>> fields = new ArrayList<>(RecordPagesTest.validPost("Garnier-Roux"));
        fields.add(Map.entry("_version", "1"));
        HttpResponse<String> saved = browser.postForm("/t/" + tenant.slug() + "/records/" + record.id(), fields);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord stored = services.records().get(tenant.id(), record.id());
        assertThat(stored.data().at("/identite/nom").asText()).isEqualTo("Garnier-Roux");
        assertThat(stored.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(NOTE);
    }

    @Test
    void an_api_save_without_the_grant_keeps_the_note_and_its_answer_masks_it() throws Exception {
        CaseRecord record = recordWithNote("Perrin");
        TestClient script = TestClient.api(services, notGranted);
        JsonNode read = JSON.readTree(script.get(apiUrl(record)).body());
        assertThat(read.at("/data/notes_confidentielles").isMissingNode()).isTrue();
        assertThat(read.toString()).doesNotContain(NOTE);

        ObjectNode data = (ObjectNode) read.get("data");
        ((ObjectNode) data.get("identite")).put("prenom", "Inès-Marie");
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        body.set("data", data);
        HttpResponse<String> updated = script.putJson(apiUrl(record), body.toString());

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.body()).doesNotContain(NOTE);
        CaseRecord stored = services.records().get(tenant.id(), record.id());
        assertThat(stored.data().at("/identite/prenom").asText()).isEqualTo("Inès-Marie");
        assertThat(stored.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(NOTE);
    }

    @Test
    void posting_a_confidential_value_without_the_grant_is_refused_and_changes_nothing() throws Exception {
        CaseRecord record = recordWithNote("Roussel");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode data = record.data().deepCopy();
        ((ObjectNode) data.get("notes_confidentielles")).put("contenu", "Écrasé");
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        body.set("data", data);

        HttpResponse<String> refused = script.putJson(apiUrl(record), body.toString());

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(refused.body()).get("errors");
        assertThat(errors.get(0).get("path").asText()).isEqualTo("/notes_confidentielles");
        assertThat(errors.get(0).get("code").asText()).isEqualTo("confidential");
        CaseRecord stored = services.records().get(tenant.id(), record.id());
        assertThat(stored.lockVersion()).isEqualTo(1);
        assertThat(stored.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(NOTE);

        ObjectNode create = JSON.createObjectNode().put("form", "dossier");
        create.set("data", data);
        assertThat(script.postJson("/api/v1/tenants/" + tenant.slug() + "/records", create.toString()).statusCode())
                .isEqualTo(422);
    }

    @Test
    void each_reveal_to_a_member_with_the_grant_is_an_audit_event_and_masked_reads_are_not() {
        CaseRecord record = recordWithNote("Chevalier");
        assertThat(reveals(record)).isZero();

        assertThat(TestClient.browser(granted).get("/t/" + tenant.slug() + "/records/" + record.id()).body()).contains(NOTE);
        assertThat(TestClient.api(services, granted).get(apiUrl(record)).body()).contains(NOTE);
        assertThat(reveals(record)).isEqualTo(2);

        TestClient.browser(notGranted).get("/t/" + tenant.slug() + "/records/" + record.id());
        TestClient.api(services, notGranted).get(apiUrl(record));
        assertThat(reveals(record)).isEqualTo(2);
        String actor = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT actor FROM audit_events
                         WHERE tenant_id = :t AND action = 'record.confidential.read' AND target_id = :id LIMIT 1
                        """)
                .bind("t", tenant.id()).bind("id", record.id().toString()).mapTo(String.class).one());
        assertThat(actor).isEqualTo(granted.email());
    }

    @Test
    void reading_a_record_whose_confidential_note_is_empty_reveals_nothing_and_is_not_audited() throws Exception {
        ObjectNode data = org.dossier.testing.TestRecords.validData("Lemoine");
        data.putObject("notes_confidentielles");
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);

        JsonNode read = JSON.readTree(TestClient.api(services, granted).get(apiUrl(record)).body());
        assertThat(read.at("/data/identite/nom").asText()).isEqualTo("Lemoine");
        assertThat(TestClient.browser(granted).get("/t/" + tenant.slug() + "/records/" + record.id()).statusCode())
                .isEqualTo(200);

        assertThat(reveals(record)).isZero();
    }
}
