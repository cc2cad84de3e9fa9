package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A repeatable group whose rows hold a confidential field (a health note on each household
 * member), saved by members without the grant: each hidden note stays on its own person whatever
 * the rows' order, a saved row cannot be removed by someone who cannot see it, and a refused save
 * changes nothing.
 */
@Tag("integration")
class ConfidentialRowsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEO = "Asthme sévère";
    private static final String NOE = "Traitement au long cours";
    private static Services services;
    private static Tenant tenant;
    private static User granted;
    private static User notGranted;
    private static User viewer;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        ObjectNode definition = BaseSchema.baseSchema().deepCopy();
        ObjectNode health = ((ObjectNode) definition.at("/properties/membres_foyer/items/properties")).putObject("sante");
        health.put("type", "string").put("maxLength", 500).put("x-confidential", true);
        health.putObject("x-label").put("fr", "Santé").put("en", "Health");
        tenant = TestTenants.withForm(services, "conf-rows", definition);
        granted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        notGranted = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
    }

    /** Léo (with a note), Ana (without) and Noé (with a note), in that order. */
    private static CaseRecord household(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        ArrayNode rows = data.putArray("membres_foyer");
        rows.addObject().put("nom", lastName).put("prenom", "Léo").put("lien", "enfant").put("sante", LEO);
        rows.addObject().put("nom", lastName).put("prenom", "Ana").put("lien", "enfant");
        rows.addObject().put("nom", lastName).put("prenom", "Noé").put("lien", "conjoint").put("sante", NOE);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static CaseRecord stored(CaseRecord record) {
        return services.records().get(tenant.id(), record.id());
    }

    private static String apiUrl(CaseRecord record) {
        return "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id();
    }

    private static String pageUrl(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static ObjectNode readData(TestClient client, CaseRecord record) throws Exception {
        HttpResponse<String> read = client.get(apiUrl(record));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return (ObjectNode) JSON.readTree(read.body()).get("data");
    }

    private static HttpResponse<String> put(TestClient client, CaseRecord record, int version, JsonNode data) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        body.set("data", data);
        return client.putJson(apiUrl(record), body.toString());
    }

    private static List<String> prenoms(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.get("membres_foyer").forEach(row -> names.add(row.path("prenom").asText()));
        return names;
    }

    private static List<String> notes(JsonNode data) {
        List<String> notes = new ArrayList<>();
        data.get("membres_foyer").forEach(row -> notes.add(row.path("sante").asText("-")));
        return notes;
    }

    /** The base form's valid post without its household row, then the given rows. */
    private static List<Map.Entry<String, String>> pagePost(String lastName, int version, List<Row> rows) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost(lastName));
        fields.removeIf(field -> field.getKey().startsWith("membres_foyer"));
        for (int index = 0; index < rows.size(); index++) {
            Row row = rows.get(index);
            String prefix = "membres_foyer[" + index + "].";
            if (row.id() != null) {
                fields.add(Map.entry(prefix + "_row", row.id().toString()));
            }
            fields.add(Map.entry(prefix + "nom", row.prenom().isEmpty() ? "" : lastName));
            fields.add(Map.entry(prefix + "prenom", row.prenom()));
            fields.add(Map.entry(prefix + "lien", row.prenom().isEmpty() ? "" : "enfant"));
        }
        fields.add(Map.entry("_version", Integer.toString(version)));
        return fields;
    }

    private record Row(Integer id, String prenom) {}

    // ---- the API ---------------------------------------------------------------------------------

    @Test
    void an_api_read_without_the_grant_numbers_the_rows_and_shows_no_note() throws Exception {
        CaseRecord record = household("Arnaud");

        for (User member : List.of(notGranted, viewer)) {
            ObjectNode masked = readData(TestClient.api(services, member), record);
            assertThat(masked.at("/membres_foyer/0/_row").intValue()).isZero();
            assertThat(masked.at("/membres_foyer/1/_row").intValue()).isEqualTo(1);
            assertThat(masked.at("/membres_foyer/2/_row").intValue()).isEqualTo(2);
            assertThat(masked.toString()).doesNotContain(LEO).doesNotContain(NOE).doesNotContain("sante");
        }
        ObjectNode full = readData(TestClient.api(services, granted), record);
        assertThat(notes(full)).containsExactly(LEO, "-", NOE);
        assertThat(full.toString()).doesNotContain("_row");
    }

    @Test
    void an_api_save_without_the_grant_keeps_each_note_on_its_person_when_rows_move_or_are_added() throws Exception {
        CaseRecord record = household("Blanc");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode data = readData(script, record);
        ArrayNode rows = (ArrayNode) data.get("membres_foyer");
        ArrayNode reordered = JSON.createArrayNode();
        reordered.addObject().put("nom", "Blanc").put("prenom", "Zoé").put("lien", "enfant");
        reordered.add(rows.get(2));
        reordered.add(((ObjectNode) rows.get(0)).put("prenom", "Léon"));
        reordered.add(rows.get(1));
        data.set("membres_foyer", reordered);

        HttpResponse<String> saved = put(script, record, 1, data);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(LEO).doesNotContain(NOE);
        JsonNode answer = JSON.readTree(saved.body()).get("data");
        assertThat(answer.at("/membres_foyer/3/_row").intValue()).as("numbered for the next save").isEqualTo(3);
        CaseRecord after = stored(record);
        assertThat(prenoms(after.data())).containsExactly("Zoé", "Noé", "Léon", "Ana");
        assertThat(notes(after.data())).containsExactly("-", NOE, LEO, "-");
        assertThat(after.data().toString()).doesNotContain("_row");
        assertThat(after.lockVersion()).isEqualTo(2);
    }

    @Test
    void an_api_save_without_the_grant_that_drops_a_saved_row_is_refused_and_changes_nothing() throws Exception {
        CaseRecord record = household("Carpentier");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode data = readData(script, record);
        ((ArrayNode) data.get("membres_foyer")).remove(1); // Ana, who has no note: the refusal tells nothing

        HttpResponse<String> refused = put(script, record, 1, data);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("/membres_foyer");
        assertThat(error.get("code").asText()).isEqualTo("confidentialRowRemoved");
        assertThat(error.get("message").asText()).contains("seul un membre habilité");
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    @Test
    void an_api_save_without_the_grant_whose_rows_lack_or_forge_their_identity_is_refused() throws Exception {
        CaseRecord record = household("Dupuis");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode unnumbered = readData(script, record);
        unnumbered.get("membres_foyer").forEach(row -> ((ObjectNode) row).remove("_row"));
        ObjectNode forged = readData(script, record);
        ((ObjectNode) forged.at("/membres_foyer/1")).put("_row", 0);

        HttpResponse<String> byPosition = put(script, record, 1, unnumbered);
        HttpResponse<String> twice = put(script, record, 1, forged);

        assertThat(byPosition.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(byPosition.body()).at("/errors/0/code").asText()).isEqualTo("confidentialRowRemoved");
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(twice.body()).at("/errors/0/path").asText()).isEqualTo("/membres_foyer/1");
        assertThat(JSON.readTree(twice.body()).at("/errors/0/code").asText()).isEqualTo("unknownRow");
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    @Test
    void an_api_save_with_the_grant_may_remove_a_row_and_its_note_and_needs_no_row_identity() throws Exception {
        CaseRecord record = household("Etienne");
        TestClient script = TestClient.api(services, granted);
        ObjectNode data = readData(script, record);
        ((ArrayNode) data.get("membres_foyer")).remove(0);
        ((ObjectNode) data.at("/membres_foyer/0")).put("_row", 7); // ignored: the grant posts whole rows

        HttpResponse<String> saved = put(script, record, 1, data);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        CaseRecord after = stored(record);
        assertThat(prenoms(after.data())).containsExactly("Ana", "Noé");
        assertThat(notes(after.data())).containsExactly("-", NOE);
        assertThat(after.data().toString()).doesNotContain(LEO).doesNotContain("_row");
    }

    @Test
    void a_stale_save_without_the_grant_is_refused_on_both_paths_and_changes_nothing() throws Exception {
        CaseRecord record = household("Fabre");
        TestClient script = TestClient.api(services, notGranted);
        ObjectNode data = readData(script, record);
        ((ObjectNode) data.at("/membres_foyer/0")).put("prenom", "Léon");

        HttpResponse<String> api = put(script, record, 2, data);
        HttpResponse<String> page = TestClient.browser(notGranted).postForm(pageUrl(record),
                pagePost("Fabre", 0, List.of(new Row(0, "Léon"), new Row(1, "Ana"), new Row(2, "Noé"))));

        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).doesNotContain(LEO).doesNotContain(NOE);
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    @Test
    void a_viewer_sees_the_rows_masked_and_can_change_nothing() throws Exception {
        CaseRecord record = household("Gauthier");
        ObjectNode data = readData(TestClient.api(services, viewer), record);
        TestClient page = TestClient.browser(viewer);

        assertThat(page.get(pageUrl(record)).body()).contains("Léo").doesNotContain(LEO).doesNotContain(NOE);
        assertThat(put(TestClient.api(services, viewer), record, 1, data).statusCode()).isEqualTo(403);
        assertThat(page.postForm(pageUrl(record),
                pagePost("Gauthier", 1, List.of(new Row(0, "Léo"), new Row(1, "Ana"), new Row(2, "Noé")))).statusCode())
                .isEqualTo(403);
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    // ---- the pages -------------------------------------------------------------------------------

    @Test
    void the_edit_page_without_the_grant_carries_row_identities_and_offers_no_removal_of_saved_rows() {
        CaseRecord record = household("Hamon");

        String page = TestClient.browser(notGranted).get(pageUrl(record) + "/edit").body();

        assertThat(page).contains("name=\"membres_foyer[0]._row\" value=\"0\"", "name=\"membres_foyer[2]._row\" value=\"2\"",
                        "Ligne enregistrée avec des champs confidentiels", "value=\"add:/membres_foyer\"")
                .doesNotContain("value=\"remove:/membres_foyer/0\"").doesNotContain("value=\"remove:/membres_foyer/2\"")
                .doesNotContain("name=\"membres_foyer[0].sante\"").doesNotContain(LEO).doesNotContain(NOE);
        String full = TestClient.browser(granted).get(pageUrl(record) + "/edit").body();
        // Every saved row carries its identity now (its removal is confirmed and audited), removable with the grant.
        assertThat(full).contains("value=\"remove:/membres_foyer/0\"", LEO, "name=\"membres_foyer[0]._row\" value=\"0\"");
    }

    @Test
    void adding_a_row_without_javascript_keeps_the_saved_rows_identities() {
        CaseRecord record = household("Imbert");
        List<Map.Entry<String, String>> fields = new ArrayList<>(
                pagePost("Imbert", 1, List.of(new Row(0, "Léo"), new Row(1, "Ana"), new Row(2, "Noé"))));
        fields.add(Map.entry("_action", "add:/membres_foyer"));

        HttpResponse<String> page = TestClient.browser(notGranted).postForm(pageUrl(record), fields);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"membres_foyer[2]._row\" value=\"2\"", "value=\"remove:/membres_foyer/3\"")
                .doesNotContain("value=\"remove:/membres_foyer/2\"").doesNotContain("name=\"membres_foyer[3]._row\"");
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }

    @Test
    void a_page_save_without_the_grant_keeps_each_note_on_its_row_and_adds_rows() {
        CaseRecord record = household("Jacob");

        HttpResponse<String> saved = TestClient.browser(notGranted).postForm(pageUrl(record), pagePost("Jacob", 1,
                List.of(new Row(0, "Léopold"), new Row(1, "Ana"), new Row(2, "Noé"), new Row(null, "Zoé"))));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord after = stored(record);
        assertThat(prenoms(after.data())).containsExactly("Léopold", "Ana", "Noé", "Zoé");
        assertThat(notes(after.data())).containsExactly(LEO, "-", NOE, "-");
        assertThat(after.data().toString()).doesNotContain("_row");
    }

    @Test
    void a_page_save_without_the_grant_that_drops_or_blanks_a_saved_row_is_refused_and_changes_nothing() {
        CaseRecord record = household("Klein");
        TestClient browser = TestClient.browser(notGranted);

        HttpResponse<String> dropped = browser.postForm(pageUrl(record),
                pagePost("Klein", 1, List.of(new Row(0, "Léo"), new Row(2, "Noé"))));
        HttpResponse<String> blanked = browser.postForm(pageUrl(record),
                pagePost("Klein", 1, List.of(new Row(0, "Léo"), new Row(1, ""), new Row(2, "Noé"))));

        assertThat(dropped.statusCode()).isEqualTo(422);
        assertThat(dropped.body()).contains("seul un membre habilité peut en retirer une").doesNotContain(LEO);
        assertThat(blanked.statusCode()).as("a blanked saved row is kept, so its required fields are missing")
                .isEqualTo(422);
        assertThat(blanked.body()).contains("name=\"membres_foyer[1]._row\" value=\"1\"").doesNotContain(NOE);
        assertThat(stored(record).data()).isEqualTo(record.data());
        assertThat(stored(record).lockVersion()).isEqualTo(1);
    }
}
