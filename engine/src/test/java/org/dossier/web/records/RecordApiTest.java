package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestUsers;
import org.dossier.account.Role;
import org.dossier.testing.TestTenants;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JSON API over HTTP against the real app and database, including every kind of bad input. */
@Tag("integration")
class RecordApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;
    private static String records;
    private static TestClient api;
    private static TestClient otherApi;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "api");
        other = TestTenants.withBaseForm(services, "api-other");
        records = "/api/v1/tenants/" + tenant.slug() + "/records";
        api = TestClient.api(services, TestUsers.member(services, tenant, Role.ADMIN, true));
        otherApi = TestClient.api(services, TestUsers.member(services, other, Role.ADMIN, true));
    }

    static ObjectNode validData(String lastName) {
        return org.dossier.testing.TestRecords.validData(lastName);
    }

    private static String createBody(ObjectNode data) {
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", data);
        return body.toString();
    }

    private static String create(String lastName) throws Exception {
        HttpResponse<String> response = api.postJson(records, createBody(validData(lastName)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestClient.json(response).get("id").asText();
    }

    private static long storedCount() {
        return TestRecords.storedCount(services, tenant);
    }

    @Test
    void create_returns_201_with_a_uuid_id_and_version_1_then_get_returns_the_data() throws Exception {
        HttpResponse<String> created = api.postJson(records, createBody(validData("Lefèvre")));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = TestClient.json(created);
        assertThat(body.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(created.headers().firstValue("Location")).hasValue(records + "/" + body.get("id").asText());

        HttpResponse<String> read = api.get(records + "/" + body.get("id").asText());
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode record = TestClient.json(read);
        assertThat(record.get("form").asText()).isEqualTo("dossier");
        assertThat(record.get("version").asInt()).isEqualTo(1);
        assertThat(record.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(record.at("/data/identite/nom").asText()).isEqualTo("Lefèvre");
        assertThat(record.at("/data/identite/prenom").asText()).isEqualTo("Hélène");
    }

    @Test
    void get_form_returns_the_effective_schema() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/tenants/" + tenant.slug() + "/forms/dossier");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestClient.json(response);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.at("/schema/properties/identite/properties/nom/type").asText()).isEqualTo("string");
        assertThat(body.at("/schema/additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void update_with_current_version_succeeds_and_a_stale_version_gets_409_without_overwriting() throws Exception {
        String id = create("Martin");
        ObjectNode changed = validData("Martin-Durand");
        ObjectNode update = JSON.createObjectNode().put("version", 1);
        update.set("data", changed);

        HttpResponse<String> first = api.putJson(records + "/" + id, update.toString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(TestClient.json(first).get("version").asInt()).isEqualTo(2);

        ObjectNode stale = JSON.createObjectNode().put("version", 1);
        stale.set("data", validData("Écrasé"));
        HttpResponse<String> second = api.putJson(records + "/" + id, stale.toString());

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(second).at("/errors/0/code").asText()).isEqualTo("staleVersion");
        JsonNode stored = TestClient.json(api.get(records + "/" + id));
        assertThat(stored.at("/data/identite/nom").asText()).isEqualTo("Martin-Durand");
        assertThat(stored.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void delete_is_an_erasure_request_with_a_reason_and_the_version_and_is_audited() throws Exception {
        String id = create("Supprimé");

        HttpResponse<String> noReason = api.send("DELETE", records + "/" + id, "application/json", "{\"version\": 1}");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(422);
        assertThat(TestClient.json(noReason).at("/errors/0/code").asText()).isEqualTo("erasureReason");
        assertThat(TestClient.json(noReason).at("/errors/0/message").asText()).isEqualTo(
                "Donnez le motif de l'effacement (500 caractères au plus), sans le nom de la personne.");
        HttpResponse<String> stale = api.send("DELETE", records + "/" + id, "application/json",
                "{\"reason\": \"Demande du 3 mars\", \"version\": 7}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(stale).at("/errors/0/code").asText()).isEqualTo("staleVersion");
        assertThat(api.get(records + "/" + id).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = api.send("DELETE", records + "/" + id, "application/json",
                "{\"reason\": \"Demande du 3 mars\", \"version\": 1}");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(api.get(records + "/" + id).statusCode()).isEqualTo(404);
        java.util.List<String> actions = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT CONCAT(action, ' ', COALESCE(JSON_VALUE(details, '$.reason'), '')) FROM audit_events"
                                + " WHERE tenant_id = :t AND target_id = :id ORDER BY id")
                .bind("t", tenant.id()).bind("id", id).mapTo(String.class).list());
        assertThat(actions).containsExactly("record.created ", "record.erased Demande du 3 mars");
    }

    @Test
    void validation_errors_answer_422_with_pointer_paths_codes_and_french_messages() throws Exception {
        ObjectNode data = validData("");
        ((ObjectNode) data.get("identite")).remove("prenom");
        long before = storedCount();

        HttpResponse<String> response = api.postJson(records, createBody(data));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = TestClient.json(response).get("errors");
        assertThat(errors).anySatisfy(error -> {
            assertThat(error.get("path").asText()).isEqualTo("/identite/nom");
            assertThat(error.get("code").asText()).isEqualTo("minLength");
        });
        assertThat(errors).anySatisfy(error -> {
            assertThat(error.get("path").asText()).isEqualTo("/identite/prenom");
            assertThat(error.get("code").asText()).isEqualTo("required");
            assertThat(error.get("message").asText()).as("the base form's own message").isEqualTo("Saisissez le prénom");
        });
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void english_messages_through_accept_language() throws Exception {
        ObjectNode data = validData("Nguyen");
        ((ObjectNode) data.get("identite")).remove("prenom");

        HttpResponse<String> response = api.postJson(records, createBody(data), "Accept-Language", "en-GB,en;q=0.9");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(response).at("/errors/0/message").asText()).isEqualTo("Enter the first name");
    }

    @Test
    void wrong_types_answer_422_and_store_nothing() throws Exception {
        ObjectNode data = validData("Petit");
        data.putObject("logement_ressources").put("loyer", "cher").put("dettes", "oui");
        long before = storedCount();

        HttpResponse<String> response = api.postJson(records, createBody(data));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(response).get("errors")).extracting(error -> error.get("path").asText() + " " + error.get("code").asText())
                .contains("/logement_ressources/loyer type", "/logement_ressources/dettes type");
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void unknown_fields_are_refused_and_never_stored() throws Exception {
        ObjectNode data = validData("Moreau");
        ((ObjectNode) data.get("identite")).put("religion", "non demandée");
        long before = storedCount();

        HttpResponse<String> response = api.postJson(records, createBody(data));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(response).get("errors")).anySatisfy(error -> {
            assertThat(error.get("path").asText()).isEqualTo("/identite/religion");
            assertThat(error.get("code").asText()).isEqualTo("additionalProperties");
        });
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void malformed_json_answers_400_and_stores_nothing() {
        long before = storedCount();

        HttpResponse<String> response = api.postJson(records, "{\"form\": \"dossier\", \"data\": {");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformedJson");
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_answers_415_and_stores_nothing() {
        long before = storedCount();

        HttpResponse<String> response = api.postBytes(records,
                createBody(validData("Texte")).getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void duplicate_keys_and_trailing_garbage_are_malformed() {
        assertThat(api.postJson(records, "{\"form\":\"dossier\",\"form\":\"x\",\"data\":{}}").statusCode()).isEqualTo(400);
        assertThat(api.postJson(records, createBody(validData("Roux")) + " {}").statusCode()).isEqualTo(400);
    }

    @Test
    void invalid_utf8_answers_400_and_stores_nothing() {
        long before = storedCount();
        byte[] prefix = "{\"form\":\"dossier\",\"data\":{\"identite\":{\"nom\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",\"prenom\":\"A\"},\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2025-01-01\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28; // not a continuation byte
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        HttpResponse<String> response = api.postBytes(records, body, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void a_body_over_one_mebibyte_answers_413_and_stores_nothing() {
        long before = storedCount();
        ObjectNode data = validData("Grand");
        data.putObject("notes_confidentielles").put("contenu", "x".repeat(1024 * 1024 + 10));

        int status = api.postOversized(records, "application/json", createBody(data));

        assertThat(status).isEqualTo(413);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void unknown_tenant_and_unknown_or_foreign_record_answer_404() throws Exception {
        String foreignId = createIn(other);

        assertThat(api.get("/api/v1/tenants/no-such-service/records").statusCode()).isEqualTo(404);
        assertThat(api.get(records + "/0190c5a0-0000-7000-8000-000000000000").statusCode()).isEqualTo(404);
        assertThat(api.get(records + "/1").statusCode()).isEqualTo(404);
        HttpResponse<String> foreign = api.get(records + "/" + foreignId);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("Autre-Service");
        assertThat(api.send("DELETE", records + "/" + foreignId, "application/json",
                "{\"reason\": \"Demande\", \"version\": 1}").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/records/" + foreignId).statusCode()).isEqualTo(404);
        assertThat(otherApi.get("/api/v1/tenants/" + other.slug() + "/records/" + foreignId).statusCode()).isEqualTo(200);
    }

    private static String createIn(Tenant target) throws Exception {
        HttpResponse<String> response = otherApi.postJson("/api/v1/tenants/" + target.slug() + "/records",
                createBody(validData("Autre-Service")));
        assertThat(response.statusCode()).isEqualTo(201);
        return TestClient.json(response).get("id").asText();
    }

    @Test
    void search_with_sql_metacharacters_matches_literally_and_stays_in_the_tenant() throws Exception {
        create("O'Brien");
        create("Percent%Name");
        createIn(other);

        JsonNode quote = TestClient.json(api.get(records + "?q=" + encode("o'b")));
        assertThat(quote.get("items")).extracting(item -> item.get("lastName").asText()).containsExactly("O'Brien");

        JsonNode percent = TestClient.json(api.get(records + "?q=" + encode("percent%")));
        assertThat(percent.get("items")).extracting(item -> item.get("lastName").asText()).containsExactly("Percent%Name");

        JsonNode wildcard = TestClient.json(api.get(records + "?q=" + encode("%")));
        assertThat(wildcard.get("total").asLong()).isZero();
        JsonNode underscore = TestClient.json(api.get(records + "?q=" + encode("_")));
        assertThat(underscore.get("total").asLong()).isZero();

        JsonNode injection = TestClient.json(api.get(records + "?q=" + encode("' OR 1=1 --")));
        assertThat(injection.get("total").asLong()).isZero();

        JsonNode all = TestClient.json(api.get(records + "?q=&page=1"));
        assertThat(all.get("total").asLong()).isEqualTo(storedCount());
        assertThat(all.get("totalIsLowerBound").isBoolean()).isTrue();
        assertThat(all.get("totalIsLowerBound").asBoolean()).isFalse();
        assertThat(all.toString()).doesNotContain("Autre-Service");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
