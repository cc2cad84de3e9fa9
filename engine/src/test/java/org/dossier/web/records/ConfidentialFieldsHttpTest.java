package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.testing.TestRecords;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordQuery;
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
    private static User viewer;
    private static User grantedViewer;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "conf");
        granted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        notGranted = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
        grantedViewer = TestUsers.member(services, tenant, Role.VIEWER, true);
    }

    private static CaseRecord recordWithNote(String lastName) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-03-14");
        data.putObject("identite").put("nom", lastName).put("prenom", "Inès").put("date_naissance", "1975-05-05");
        data.putObject("notes_confidentielles").put("contenu", NOTE);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String pageUrl(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static CaseRecord stored(CaseRecord record) {
        return services.records().get(tenant.id(), record.id());
    }

    private static long named(String lastName) {
        return services.records().search(tenant.id(), RecordQuery.of(FormService.CASE_FILE, lastName, 1, 20)).total();
    }

    /** The base form's valid page post, with {@code extra} fields, at lock version {@code version} (0: none). */
    private static List<Map.Entry<String, String>> pagePost(String lastName, int version, String... extra) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost(lastName));
        for (int i = 0; i < extra.length; i += 2) {
            fields.add(Map.entry(extra[i], extra[i + 1]));
        }
        if (version > 0) {
            fields.add(Map.entry("_version", Integer.toString(version)));
        }
        return fields;
    }

    private static HttpResponse<String> put(TestClient client, CaseRecord record, int version, JsonNode data) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        body.set("data", data);
        return client.putJson(apiUrl(record), body.toString());
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

        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Garnier-Roux"));
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
        ((ObjectNode) data.get("identite")).put("nom", "Roussel-Neuf");
        create.set("data", data);
        assertThat(script.postJson("/api/v1/tenants/" + tenant.slug() + "/records", create.toString()).statusCode())
                .isEqualTo(422);
        assertThat(named("Roussel-Neuf")).isZero();
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

    @Test
    void a_page_post_of_the_note_without_the_grant_is_refused_on_create_and_edit_and_changes_nothing() {
        CaseRecord record = recordWithNote("Fontaine");
        TestClient browser = TestClient.browser(notGranted);

        HttpResponse<String> edited = browser.postForm(pageUrl(record),
                pagePost("Fontaine-Roy", 1, "notes_confidentielles.contenu", "Écrasé"));
        HttpResponse<String> created = browser.postForm("/t/" + tenant.slug() + "/records",
                pagePost("Fontaine-Neuve", 0, "notes_confidentielles.contenu", "Ajouté"));

        assertThat(edited.statusCode()).isEqualTo(422);
        assertThat(edited.body()).contains("Ce champ est confidentiel").doesNotContain(NOTE).doesNotContain("Écrasé");
        assertThat(created.statusCode()).isEqualTo(422);
        assertThat(created.body()).contains("Ce champ est confidentiel").doesNotContain("Ajouté");
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
        assertThat(named("Fontaine-Neuve")).isZero();
    }

    @Test
    void a_member_with_the_grant_changes_the_note_on_the_page_and_through_the_api() throws Exception {
        CaseRecord record = recordWithNote("Girard");

        HttpResponse<String> page = TestClient.browser(granted).postForm(pageUrl(record),
                pagePost("Girard", 1, "notes_confidentielles.contenu", "Relu en équipe"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(303);
        assertThat(stored(record).data().at("/notes_confidentielles/contenu").asText()).isEqualTo("Relu en équipe");

        TestClient script = TestClient.api(services, granted);
        ObjectNode data = (ObjectNode) JSON.readTree(script.get(apiUrl(record)).body()).get("data");
        ((ObjectNode) data.get("notes_confidentielles")).put("contenu", "Clos");
        HttpResponse<String> api = put(script, record, 2, data);

        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(JSON.readTree(api.body()).at("/data/notes_confidentielles/contenu").asText()).isEqualTo("Clos");
        assertThat(stored(record).data().at("/notes_confidentielles/contenu").asText()).isEqualTo("Clos");
        assertThat(stored(record).lockVersion()).isEqualTo(3);
    }

    @Test
    void a_stale_save_without_the_grant_is_refused_on_both_paths_and_changes_nothing() throws Exception {
        CaseRecord record = recordWithNote("Hubert");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode data = (ObjectNode) JSON.readTree(script.get(apiUrl(record)).body()).get("data");
        ((ObjectNode) data.get("identite")).put("nom", "Hubert-Tard");

        HttpResponse<String> api = put(script, record, 2, data);
        HttpResponse<String> page = TestClient.browser(notGranted).postForm(pageUrl(record), pagePost("Hubert-Tard", 2));

        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).doesNotContain(NOTE);
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    @Test
    void a_viewer_reads_the_note_only_with_the_grant_and_can_change_or_delete_nothing() throws Exception {
        CaseRecord record = recordWithNote("Izard");
        TestClient viewerScript = TestClient.api(services, viewer);
        TestClient viewerPage = TestClient.browser(viewer);

        JsonNode masked = JSON.readTree(viewerScript.get(apiUrl(record)).body());
        assertThat(masked.toString()).doesNotContain(NOTE);
        assertThat(viewerPage.get(pageUrl(record)).body()).contains("Izard").doesNotContain(NOTE);
        assertThat(reveals(record)).isZero();
        assertThat(TestClient.api(services, grantedViewer).get(apiUrl(record)).body()).contains(NOTE);
        assertThat(reveals(record)).isEqualTo(1);

        ObjectNode data = (ObjectNode) masked.get("data");
        ((ObjectNode) data.get("identite")).put("nom", "Izard-Vu");
        assertThat(put(viewerScript, record, 1, data).statusCode()).isEqualTo(403);
        assertThat(put(TestClient.api(services, grantedViewer), record, 1, record.data()).statusCode()).isEqualTo(403);
        assertThat(viewerPage.postForm(pageUrl(record), pagePost("Izard-Vu", 1)).statusCode()).isEqualTo(403);
        assertThat(viewerScript.delete(apiUrl(record)).statusCode()).isEqualTo(403);
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    /**
     * A confidential field shown only while the support is ongoing: a save that puts it on hold
     * hides the field, and the hidden value is dropped (minimisation) only by a member who sees it.
     */
    @Test
    void a_save_without_the_grant_that_hides_a_confidential_field_keeps_its_value() throws Exception {
        ObjectNode definition = org.dossier.form.BaseSchema.baseSchema().deepCopy();
        ObjectNode field = ((ObjectNode) definition.get("properties")).putObject("suivi_psy");
        field.put("type", "string").put("maxLength", 500).put("x-confidential", true).put("x-section", "accompagnement");
        field.putObject("x-label").put("fr", "Suivi psychologique");
        field.set("x-visible-when", JSON.readTree("""
                {"required": ["accompagnement"],
                 "properties": {"accompagnement": {"required": ["statut"], "properties": {"statut": {"const": "en_cours"}}}}}
                """));
        Tenant conditional = TestTenants.withForm(services, "conf-when", definition);
        User caseworker = TestUsers.member(services, conditional, Role.CASEWORKER, false);
        User allowed = TestUsers.member(services, conditional, Role.CASEWORKER, true);
        ObjectNode data = org.dossier.testing.TestRecords.validData("Joly");
        data.put("suivi_psy", NOTE);
        CaseRecord first = services.records().create(conditional.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        CaseRecord second = services.records().create(conditional.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        String api = "/api/v1/tenants/" + conditional.slug() + "/records/";

        ObjectNode masked = (ObjectNode) JSON.readTree(TestClient.api(services, caseworker).get(api + first.id()).body())
                .get("data");
        ((ObjectNode) masked.get("accompagnement")).put("statut", "en_veille");
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        body.set("data", masked);
        HttpResponse<String> byApi = TestClient.api(services, caseworker).putJson(api + first.id(), body.toString());
        HttpResponse<String> byPage = TestClient.browser(caseworker).postForm(
                "/t/" + conditional.slug() + "/records/" + second.id(), pagePost("Joly", 1, "accompagnement.statut", "en_veille"));

        assertThat(byApi.statusCode()).as(byApi.body()).isEqualTo(200);
        assertThat(byPage.statusCode()).as(byPage.body()).isEqualTo(303);
        for (CaseRecord record : List.of(first, second)) {
            JsonNode after = services.records().get(conditional.id(), record.id()).data();
            assertThat(after.at("/accompagnement/statut").asText()).isEqualTo("en_veille");
            assertThat(after.path("suivi_psy").asText()).isEqualTo(NOTE);
        }

        ObjectNode full = (ObjectNode) JSON.readTree(TestClient.api(services, allowed).get(api + first.id()).body())
                .get("data");
        body = JSON.createObjectNode().put("version", 2);
        body.set("data", full);
        assertThat(TestClient.api(services, allowed).putJson(api + first.id(), body.toString()).statusCode()).isEqualTo(200);
        assertThat(services.records().get(conditional.id(), first.id()).data().has("suivi_psy")).isFalse();
    }
}
