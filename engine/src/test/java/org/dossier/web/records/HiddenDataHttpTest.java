package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.modules.Modules;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A save changes only what the person saving could see: every kind of hiding (a base field, a
 * field in rows, a whole confidential section, a switched-off module, a field of another form
 * version, confidential values without the grant), on every path that saves (the edit page posted
 * as shown, the API's read-then-write), with and without the grant. Each case compares the whole
 * stored case file before and after: only the one visible field changed may differ.
 */
@Tag("integration")
class HiddenDataHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Signalement en cours, ne pas divulguer";
    private static Services services;

    /** One way a value comes to be hidden from the person saving. */
    enum Hiding {
        BASE_FIELD, ROW_FIELD, CONFIDENTIAL_SECTION, MODULE_OFF, OTHER_VERSION, NONE;

        /** The service's form after the record was saved: what hides part of it. */
        void apply(Tenant tenant) {
            ObjectNode customisation = JSON.createObjectNode();
            switch (this) {
                case BASE_FIELD -> customisation.putObject("fields").putObject("identite.lieu_naissance").put("hidden", true);
                case ROW_FIELD -> customisation.putObject("fields").putObject("membres_foyer.date_naissance").put("hidden", true);
                case CONFIDENTIAL_SECTION -> customisation.putObject("fields").putObject("notes_confidentielles").put("hidden", true);
                case MODULE_OFF -> customisation.putObject("modules").put(Modules.EVICTION, false);
                case OTHER_VERSION -> {
                    services.jdbi().useTransaction(handle -> services.forms().publish(handle, tenant.id(),
                            FormService.CASE_FILE, BaseSchema.baseSchema(), "test"));
                    return;
                }
                case NONE -> {
                    return;
                }
            }
            services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
            services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
        }
    }

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    static List<Arguments> cases() {
        return java.util.Arrays.stream(Hiding.values())
                .flatMap(hiding -> java.util.stream.Stream.of(true, false)
                        .flatMap(grant -> java.util.stream.Stream.of(Arguments.of(hiding, grant, "page"),
                                Arguments.of(hiding, grant, "api"))))
                .toList();
    }

    /** A tenant whose form, for OTHER_VERSION, first holds a field of its own that a later version drops. */
    private static Tenant tenant(Hiding hiding) {
        if (hiding != Hiding.OTHER_VERSION) {
            return TestTenants.withBaseForm(services, "hidden");
        }
        ObjectNode withExtra = BaseSchema.baseSchema().deepCopy();
        ((ObjectNode) withExtra.get("properties")).putObject("numero_allocataire").put("type", "string")
                .putObject("x-label").put("fr", "Numéro allocataire");
        return TestTenants.withForm(services, "hidden", withExtra);
    }

    private static ObjectNode fullRecord(Hiding hiding) throws Exception {
        ObjectNode data = (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14", "antenne": "nord",
                                    "motifs": ["logement", "budget"]},
                 "identite": {"nom": "Berger", "prenom": "Hélène", "date_naissance": "1984-02-29", "lieu_naissance": "Lyon"},
                 "membres_foyer": [{"nom": "Berger", "prenom": "Léo", "lien": "enfant", "date_naissance": "2015-04-01"},
                                   {"nom": "Berger", "prenom": "Ana", "lien": "conjoint"}],
                 "logement_ressources": {"loyer": 512.5, "dettes": false},
                 "prevention_expulsions": {"procedure_en_cours": true, "stade": "audience", "date_audience": "2027-01-15"},
                 "notes_confidentielles": {"contenu": "%s"}}
                """.formatted(NOTE));
        if (hiding == Hiding.OTHER_VERSION) {
            data.put("numero_allocataire", "A-123");
        }
        return data;
    }

    @ParameterizedTest(name = "{0}, grant {1}, {2}")
    @MethodSource("cases")
    void a_save_changes_only_the_field_the_person_changed(Hiding hiding, boolean grant, String path) throws Exception {
        Tenant tenant = tenant(hiding);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, fullRecord(hiding),
                Actor.system("test"), Locale.FRENCH);
        hiding.apply(tenant);
        var member = TestUsers.member(services, tenant, Role.CASEWORKER, grant);
        JsonNode before = services.records().get(tenant.id(), record.id()).data();

        if (path.equals("page")) {
            TestClient browser = TestClient.browser(member);
            String edit = browser.get("/t/" + tenant.slug() + "/records/" + record.id() + "/edit").body();
            List<Map.Entry<String, String>> shown = TestForms.with(TestForms.asShown(edit), "identite.prenom", "Hélène-Marie");
            HttpResponse<String> saved = browser.postForm("/t/" + tenant.slug() + "/records/" + record.id(), shown);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        } else {
            TestClient script = TestClient.api(services, member);
            String url = "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id();
            JsonNode read = TestClient.json(script.get(url));
            ObjectNode data = (ObjectNode) read.get("data");
            ((ObjectNode) data.get("identite")).put("prenom", "Hélène-Marie");
            ObjectNode body = JSON.createObjectNode().put("version", read.get("version").intValue());
            body.set("data", data);
            HttpResponse<String> saved = script.putJson(url, body.toString());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            if (!grant) {
                assertThat(saved.body()).doesNotContain(NOTE);
            }
        }

        ObjectNode expected = before.deepCopy();
        ((ObjectNode) expected.get("identite")).put("prenom", "Hélène-Marie");
        assertThat(services.records().get(tenant.id(), record.id()).data()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hidings")
    void switching_the_hiding_back_shows_the_value_kept_through_a_save(Hiding hiding) throws Exception {
        Tenant tenant = tenant(hiding);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, fullRecord(hiding),
                Actor.system("test"), Locale.FRENCH);
        hiding.apply(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        String edit = browser.get("/t/" + tenant.slug() + "/records/" + record.id() + "/edit").body();
        HttpResponse<String> saved = browser.postForm("/t/" + tenant.slug() + "/records/" + record.id(),
                TestForms.asShown(edit));
        assertThat(saved.statusCode()).as(saved.body() + TestForms.asShown(edit)).isEqualTo(303);

        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, JSON.createObjectNode(), Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));

        String view = browser.get("/t/" + tenant.slug() + "/records/" + record.id()).body();
        assertThat(view).contains("Lyon").contains("15/01/2027").contains(NOTE).contains("01/04/2015");
    }

    static List<Hiding> hidings() {
        return List.of(Hiding.BASE_FIELD, Hiding.ROW_FIELD, Hiding.CONFIDENTIAL_SECTION, Hiding.MODULE_OFF);
    }

    @Test
    void an_api_write_to_a_field_the_form_hides_is_refused_and_changes_nothing() throws Exception {
        Tenant tenant = tenant(Hiding.BASE_FIELD);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, fullRecord(Hiding.BASE_FIELD),
                Actor.system("test"), Locale.FRENCH);
        Hiding.BASE_FIELD.apply(tenant);
        TestClient script = TestClient.api(services, TestUsers.member(services, tenant, Role.CASEWORKER, true));
        String url = "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id();
        JsonNode read = TestClient.json(script.get(url));
        assertThat(read.at("/data/identite").has("lieu_naissance")).as("a hidden field is not read").isFalse();
        JsonNode before = services.records().get(tenant.id(), record.id()).data();

        ObjectNode data = (ObjectNode) read.get("data");
        ((ObjectNode) data.get("identite")).put("lieu_naissance", "Paris");
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        body.set("data", data);
        HttpResponse<String> refused = script.putJson(url, body.toString());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(refused).at("/errors/0/path").asText()).isEqualTo("/identite/lieu_naissance");
        assertThat(TestClient.json(refused).at("/errors/0/code").asText()).isEqualTo("additionalProperties");
        assertThat(services.records().get(tenant.id(), record.id()).data()).isEqualTo(before);
    }
}
