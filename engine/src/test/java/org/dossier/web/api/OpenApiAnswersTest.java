package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.everit.json.schema.ValidationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Real answers of representative routes satisfy the schema their description gives: a case file,
 * a list page, the form and its effective schema, the token, and the error bodies (401, 403, 404,
 * 409, 422). A field renamed or dropped in an answer, or an error code changed, fails here.
 */
@Tag("integration")
class OpenApiAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDS = "/api/v1/tenants/{tenant}/records";
    private static final String RECORD = "/api/v1/tenants/{tenant}/records/{id}";
    private static final String FORM = "/api/v1/tenants/{tenant}/forms/{form}";

    private static Described described;
    private static Services services;
    private static Tenant tenant;
    private static User caseworker;
    private static TestClient script;

    @BeforeAll
    static void setUp() {
        described = Described.served();
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "openapi");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        script = TestClient.api(services, caseworker);
    }

    private static String at(String path, String id) {
        return path.replace("{tenant}", tenant.slug()).replace("{form}", "dossier").replace("{id}", id);
    }

    private static HttpResponse<String> create(String lastName) {
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", TestRecords.validData(lastName));
        return script.postJson(at(RECORDS, ""), body.toString());
    }

    @Test
    void a_created_read_listed_and_updated_case_file_answers_as_described() {
        HttpResponse<String> created = create("Descrite");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        described.check("POST", RECORDS, created);
        String id = TestClient.json(created).get("id").asText();

        HttpResponse<String> read = script.get(at(RECORD, id));
        assertThat(read.statusCode()).isEqualTo(200);
        described.check("GET", RECORD, read);

        HttpResponse<String> list = script.get(at(RECORDS, "") + "?q=Descrite");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(list).get("items")).isNotEmpty();
        described.check("GET", RECORDS, list);

        ObjectNode update = JSON.createObjectNode().put("version", TestClient.json(read).get("version").asInt());
        update.set("data", TestClient.json(read).get("data"));
        HttpResponse<String> updated = script.putJson(at(RECORD, id), update.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        described.check("PUT", RECORD, updated);

        HttpResponse<String> files = script.get(at(RECORD, id) + "/attachments");
        assertThat(files.statusCode()).isEqualTo(200);
        described.check("GET", RECORD + "/attachments", files);
    }

    @Test
    void the_form_answers_its_effective_schema_as_described() {
        HttpResponse<String> form = script.get(at(FORM, ""));

        assertThat(form.statusCode()).isEqualTo(200);
        described.check("GET", FORM, form);
        assertThat(TestClient.json(form).at("/schema/properties/identite/required")).isNotEmpty();
    }

    @Test
    void a_login_token_answers_as_described() {
        HttpResponse<String> token = TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", caseworker.email()).put("password", TestUsers.PASSWORD).toString());

        assertThat(token.statusCode()).isEqualTo(200);
        described.check("POST", "/api/v1/auth/token", token);
    }

    @Test
    void the_register_of_processing_and_a_refused_login_answer_as_described() {
        TestClient admin = TestClient.api(services, TestUsers.member(services, tenant, Role.ADMIN, true));
        HttpResponse<String> register = admin.get(at("/api/v1/tenants/{tenant}/register", ""));
        assertThat(register.statusCode()).isEqualTo(200);
        described.check("GET", "/api/v1/tenants/{tenant}/register", register);

        HttpResponse<String> refused = TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", "nobody-" + System.nanoTime() + "@test.example")
                        .put("password", "wrong password").toString());
        assertThat(refused.statusCode()).isEqualTo(401);
        described.check("POST", "/api/v1/auth/token", refused);
    }

    @Test
    void an_uploaded_file_and_a_refused_one_answer_as_described() throws Exception {
        String id = TestClient.json(create("Piece")).get("id").asText();
        String token = TestUsers.token(services, caseworker);

        HttpResponse<String> uploaded = upload(token, id, "%PDF-1.4\n% piece\n%%EOF\n");
        HttpResponse<String> refused = upload(token, id, "just text");

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        described.check("POST", RECORD + "/attachments", uploaded);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("attachmentType");
        described.check("POST", RECORD + "/attachments", refused);
    }

    private static HttpResponse<String> upload(String token, String id, String file) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestServer.baseUrl()
                        + at(RECORD, id) + "/attachments?field=/accompagnement/pieces_justificatives"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .header("X-File-Name", "piece.pdf").POST(HttpRequest.BodyPublishers.ofString(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_unknown_case_file_answers_the_described_404() {
        HttpResponse<String> missing = script.get(at(RECORD, "01a20000-0000-7000-8000-000000000000"));

        assertThat(missing.statusCode()).isEqualTo(404);
        described.check("GET", RECORD, missing);
    }

    @Test
    void invalid_data_answers_the_described_422_with_the_field_paths() {
        ObjectNode data = TestRecords.validData("Invalide");
        ((ObjectNode) data.get("identite")).remove("nom");
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", data);

        HttpResponse<String> refused = script.postJson(at(RECORDS, ""), body.toString());

        assertThat(refused.statusCode()).isEqualTo(422);
        described.check("POST", RECORDS, refused);
        assertThat(TestClient.json(refused).at("/errors/0/path").asText()).isEqualTo("/identite/nom");
    }

    @Test
    void a_stale_version_answers_the_described_409() {
        String id = TestClient.json(create("Perimee")).get("id").asText();
        ObjectNode update = JSON.createObjectNode().put("version", 7);
        update.set("data", TestRecords.validData("Perimee"));

        HttpResponse<String> stale = script.putJson(at(RECORD, id), update.toString());

        assertThat(stale.statusCode()).isEqualTo(409);
        described.check("PUT", RECORD, stale);
    }

    @Test
    void callers_without_a_token_or_the_permission_get_the_described_401_and_403() {
        HttpResponse<String> anonymous = TestClient.anonymous().get(at(RECORDS, ""));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        described.check("GET", RECORDS, anonymous);

        TestClient viewer = TestClient.api(services, TestUsers.member(services, tenant, Role.VIEWER, false));
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", TestRecords.validData("Lecteur"));
        HttpResponse<String> refused = viewer.postJson(at(RECORDS, ""), body.toString());
        assertThat(refused.statusCode()).isEqualTo(403);
        described.check("POST", RECORDS, refused);
    }

    @Test
    void an_import_dry_run_its_run_and_a_refused_file_answer_as_described() {
        TestClient admin = TestClient.api(services, TestUsers.member(services, tenant, Role.ADMIN, true));
        String imports = at(RECORDS, "") + "/imports";
        String file = "\uFEFFNom;Prénom;accompagnement/statut;Date d'ouverture\r\n"
                + "Importée;Anne;en_cours;14/03/2025\r\n"
                + ";Paul;en_cours;14/03/2025\r\n";

        HttpResponse<String> report = admin.postBytes(imports + "?fileName=a.csv",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        described.check("POST", RECORDS + "/imports", report);
        assertThat(TestClient.json(report).at("/errors/0/field").asText()).isEqualTo("identite/nom");

        HttpResponse<String> run = admin.get(imports + "/" + TestClient.json(report).get("id").asText());
        assertThat(run.statusCode()).isEqualTo(200);
        described.check("GET", RECORDS + "/imports/{id}", run);

        HttpResponse<String> unknown = admin.postBytes(imports + "?fileName=a.pdf", new byte[] {1, 2, 3}, "application/pdf");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        described.check("POST", RECORDS + "/imports", unknown);
    }

    @Test
    void a_replayed_and_a_reused_idempotency_key_answer_as_described() {
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", TestRecords.validData("Rejouee"));
        String key = "openapi-" + System.nanoTime();

        HttpResponse<String> first = script.postJson(at(RECORDS, ""), body.toString(), "Idempotency-Key", key);
        HttpResponse<String> replayed = script.postJson(at(RECORDS, ""), body.toString(), "Idempotency-Key", key);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(first.body());
        described.check("POST", RECORDS, replayed);

        body.set("data", TestRecords.validData("Autre"));
        HttpResponse<String> reused = script.postJson(at(RECORDS, ""), body.toString(), "Idempotency-Key", key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(reused).at("/errors/0/code").asText()).isEqualTo("idempotencyKeyReused");
        described.check("POST", RECORDS, reused);
    }

    @Test
    void the_check_fails_on_an_answer_that_drifted_from_its_description() {
        JsonNode recordSchema = described.answer("GET", RECORD, 200).at("/content/application~1json/schema");
        JsonNode notFound = described.answer("GET", RECORD, 404).at("/content/application~1json/schema");

        assertThatThrownBy(() -> described.validator(recordSchema).validate(new org.json.JSONObject(
                "{\"id\": \"01a20000-0000-7000-8000-000000000000\", \"form\": \"dossier\"}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getAllMessages())
                        .anyMatch(message -> message.contains("required key [data]")));
        assertThatThrownBy(() -> described.validator(notFound).validate(new org.json.JSONObject(
                "{\"errors\": [{\"code\": \"missing\", \"message\": \"x\"}]}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getAllMessages())
                        .anyMatch(message -> message.contains("/code")));
    }
}
