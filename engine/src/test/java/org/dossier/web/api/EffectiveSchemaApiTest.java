package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/tenants/{t}/forms/{form}} is how a client builds its own interface: the schema
 * it serves is the service's effective one (a hidden field gone, a field made required, a custom
 * field added), and a client validating with it, with any draft-07 validator, reaches the server's
 * verdict on every case below, the same fields named.
 */
@Tag("integration")
class EffectiveSchemaApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Tenant tenant;
    private static TestClient script;
    private static JsonNode served;

    @BeforeAll
    static void setUp() throws Exception {
        Services services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "own-ui");
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, (ObjectNode) JSON.readTree("""
                {"fields": {"accompagnement.antenne": {"hidden": true}, "contact.telephone": {"required": true}},
                 "customFields": [{"key": "numero_allocataire", "type": "text", "section": "identite",
                                   "label": {"fr": "Numéro allocataire"}, "required": true}]}"""),
                Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
        script = TestClient.api(services, TestUsers.member(services, tenant, Role.CASEWORKER, true));
        HttpResponse<String> form = script.get("/api/v1/tenants/" + tenant.slug() + "/forms/dossier");
        assertThat(form.statusCode()).isEqualTo(200);
        served = TestClient.json(form);
    }

    @Test
    void the_served_schema_is_the_services_customised_one() {
        JsonNode schema = served.get("schema");

        assertThat(served.get("version").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/accompagnement/properties/antenne").isMissingNode()).as("hidden field").isTrue();
        assertThat(schema.at("/properties/contact/required")).extracting(JsonNode::asText).contains("telephone");
        assertThat(schema.at("/properties/numero_allocataire/type").asText()).isEqualTo("string");
        assertThat(schema.at("/required")).extracting(JsonNode::asText).contains("numero_allocataire");
        assertThat(schema.at("/properties/identite/properties/nom/x-label/fr").asText()).isEqualTo("Nom");
    }

    @Test
    void a_client_validating_with_the_served_schema_agrees_with_the_server() {
        Schema local = SchemaLoader.builder().schemaJson(new JSONObject(served.get("schema").toString())).build().load()
                .build();
        List<String> disagreements = new ArrayList<>();
        check(local, "complete", complete(), null, disagreements);
        ObjectNode noPhone = complete();
        ((ObjectNode) noPhone.get("contact")).remove("telephone");
        check(local, "required phone missing", noPhone, "/contact/telephone", disagreements);
        ObjectNode hidden = complete();
        ((ObjectNode) hidden.get("accompagnement")).put("antenne", "Nord");
        check(local, "hidden field sent", hidden, "/accompagnement/antenne", disagreements);
        ObjectNode noCustom = complete();
        noCustom.remove("numero_allocataire");
        check(local, "custom field missing", noCustom, "/numero_allocataire", disagreements);

        assertThat(disagreements).isEmpty();
    }

    private static ObjectNode complete() {
        ObjectNode data = TestRecords.validData("Interface");
        data.putObject("contact").put("telephone", "0472000000");
        data.put("numero_allocataire", "1234567");
        return data;
    }

    /** Validates {@code data} locally and posts it: both must accept it, or both refuse it at {@code refusedAt}. */
    private static void check(Schema local, String what, ObjectNode data, String refusedAt, List<String> disagreements) {
        List<String> localErrors = new ArrayList<>();
        try {
            local.validate(new JSONObject(data.toString()));
        } catch (ValidationException e) {
            localErrors.addAll(e.getAllMessages());
        }
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", data);
        HttpResponse<String> answer = script.postJson("/api/v1/tenants/" + tenant.slug() + "/records", body.toString());
        if (refusedAt == null) {
            if (!localErrors.isEmpty() || answer.statusCode() != 201) {
                disagreements.add(what + ": locally " + localErrors + ", server " + answer.statusCode() + " " + answer.body());
            }
            return;
        }
        String field = refusedAt.substring(refusedAt.lastIndexOf('/') + 1);
        boolean localNamesIt = localErrors.stream().anyMatch(message -> message.contains(field));
        boolean serverNamesIt = answer.statusCode() == 422 && answer.body().contains("\"path\":\"" + refusedAt + "\"");
        if (!localNamesIt || !serverNamesIt) {
            disagreements.add(what + ": locally " + localErrors + ", server " + answer.statusCode() + " " + answer.body());
        }
    }
}
