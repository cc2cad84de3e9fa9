package org.dossier.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.testing.TestRecords;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.validation.FieldError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The designer over HTTP: draft, custom fields, moves, preview, publish with its changes, history and restore. */
@Tag("integration")
class DesignerPagesTest {
    private static final Pattern FIELD = Pattern.compile("name=\"((?:f|module)\\.[^\"]+)\"(?: value=\"([^\"]*)\")?([^>]*)>");
    private Services services;
    private Tenant tenant;
    private TestClient admin;
    private String base;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "designer");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        base = "/t/" + tenant.slug() + "/admin/form";
    }

    /** The designer's form as a browser would post it: every field as shown, checkboxes as checked. */
    private List<Map.Entry<String, String>> shownForm() {
        HttpResponse<String> page = admin.get(base);
        assertThat(page.statusCode()).isEqualTo(200);
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        Matcher matcher = FIELD.matcher(page.body());
        while (matcher.find()) {
            String name = matcher.group(1);
            String rest = matcher.group(3) == null ? "" : matcher.group(3);
            boolean checkbox = page.body().substring(Math.max(0, matcher.start() - 80), matcher.start()).contains("type=\"checkbox\"");
            if (checkbox) {
                if (rest.contains("checked")) {
                    fields.add(Map.entry(name, "on"));
                }
            } else {
                fields.add(Map.entry(name, matcher.group(2) == null ? "" : unescape(matcher.group(2))));
            }
        }
        assertThat(fields).hasSizeGreaterThan(100);
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(field -> !field.getKey().equals(name)).toList();
    }

    private HttpResponse<String> addCustomField(String key, boolean required) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("key", key), Map.entry("type", "text"),
                Map.entry("section", "identite"), Map.entry("labelFr", "Numéro allocataire"), Map.entry("labelEn", "Benefit number")));
        if (required) {
            fields.add(Map.entry("required", "on"));
        }
        return admin.postForm(base + "/custom-fields", fields);
    }

    @Test
    void hiding_a_field_and_adding_a_required_one_is_published_with_its_changes_in_plain_words() {
        CaseRecord before = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Avant"),
                Actor.system("test"), Locale.FRENCH);

        HttpResponse<String> saved = admin.postForm(base, without(shownForm(), "f.accompagnement.antenne.visible"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(addCustomField("numero_allocataire", true).statusCode()).isEqualTo(303);
        assertThat(services.forms().latest(tenant.id(), FormService.CASE_FILE).version()).as("a draft publishes nothing").isEqualTo(1);

        String changes = admin.get(base + "/publish").body();
        assertThat(changes).contains("Champ « Antenne » masqué").contains("Nouveau champ obligatoire « Numéro allocataire »");
        assertThat(admin.get(base + "/preview").body()).contains("numero_allocataire").doesNotContain("accompagnement.antenne");

        HttpResponse<String> published = admin.postForm(base + "/publish",
                List.of(Map.entry("required:/numero_allocataire", "existing")));
        assertThat(published.statusCode()).isEqualTo(303);
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        assertThat(form.version()).isEqualTo(2);
        assertThat(form.effectiveSchema().at("/properties/accompagnement/properties/antenne").isMissingNode()).isTrue();
        List<FieldError> errors = services.records().check(form, TestRecords.validData("Après"), Locale.FRENCH);
        assertThat(errors).extracting(FieldError::path).containsExactly("/numero_allocataire");

        // The record saved under version 1 is still readable, and its edit form asks for the new field.
        assertThat(admin.get("/t/" + tenant.slug() + "/records/" + before.id()).statusCode()).isEqualTo(200);
        assertThat(admin.get("/t/" + tenant.slug() + "/records/" + before.id() + "/edit").body()).contains("numero_allocataire")
                .contains("<a href=\"#f-numero_allocataire\">Numéro allocataire</a>");
        long audited = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = 'form.published'")
                .bind("t", tenant.id()).mapTo(Long.class).one());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void labels_hints_requirement_and_order_are_saved_as_differences_from_the_base() {
        List<Map.Entry<String, String>> form = new ArrayList<>(without(shownForm(), "f.identite.nom.label.fr"));
        form.add(Map.entry("f.identite.nom.label.fr", "Nom de famille"));
        form = new ArrayList<>(without(form, "f.contact.telephone.required"));
        form.add(Map.entry("f.contact.telephone.required", "on"));
        form.add(Map.entry("_move", "identite.prenom:up"));

        assertThat(admin.postForm(base, form).statusCode()).isEqualTo(303);

        ObjectNode draft = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation();
        assertThat(draft.at("/fields/identite.nom/label/fr").asText()).isEqualTo("Nom de famille");
        assertThat(draft.at("/fields/identite.nom/label/en").isMissingNode()).as("unchanged English stays the base's").isTrue();
        assertThat(draft.at("/fields/contact.telephone/required").asBoolean()).isTrue();
        assertThat(draft.at("/fields/contact.ville").isMissingNode()).as("untouched fields record nothing").isTrue();
        String page = admin.get(base).body();
        // Prénom moved up one place: before Nom de naissance, still after Nom.
        assertThat(page.indexOf("id=\"field-identite.prenom\"")).isLessThan(page.indexOf("id=\"field-identite.nom_naissance\""))
                .isGreaterThan(page.indexOf("id=\"field-identite.nom\""));
    }

    @Test
    void a_custom_field_holding_data_can_only_be_hidden_and_one_without_data_is_removed() {
        addCustomField("numero_allocataire", false);
        addCustomField("code_interne", false);
        admin.postForm(base + "/publish", List.of());
        ObjectNode data = TestRecords.validData("Porteur");
        data.put("numero_allocataire", "1234567");
        services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);

        HttpResponse<String> refused = admin.postForm(base + "/custom-fields/numero_allocataire/remove", shownForm());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("masquez-le plutôt");
        assertThat(services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().toString())
                .contains("numero_allocataire");

        assertThat(admin.postForm(base + "/custom-fields/code_interne/remove", shownForm()).statusCode()).isEqualTo(303);
        assertThat(services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().toString())
                .doesNotContain("code_interne").contains("numero_allocataire");
        assertThat(admin.postForm(base + "/custom-fields/inconnu/remove", shownForm()).statusCode()).isEqualTo(404);
    }

    @Test
    void a_malformed_custom_field_is_refused_with_its_problem_and_the_draft_is_unchanged() {
        HttpResponse<String> refused = admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "Pas Valide"),
                Map.entry("type", "text"), Map.entry("section", "identite"), Map.entry("labelFr", "Champ")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Le nom technique ne peut contenir que des lettres minuscules")
                .contains("href=\"#cf-key\"").doesNotContain("/customFields/0/key").contains("value=\"Pas Valide\"");
        assertThat(services.designer().draft(tenant.id(), FormService.CASE_FILE).saved()).isFalse();
    }

    @Test
    void a_published_version_can_be_restored_as_the_draft_and_republished() {
        admin.postForm(base, without(shownForm(), "f.accompagnement.antenne.visible"));
        admin.postForm(base + "/publish", List.of());
        assertThat(admin.get(base + "/history").body()).contains("Reprendre la version 1").contains("Reprendre la version 2");

        assertThat(admin.postForm(base + "/history/1/restore", List.of()).statusCode()).isEqualTo(303);
        assertThat(admin.get(base + "/publish").body()).contains("Champ « Antenne » affiché");
        admin.postForm(base + "/publish", List.of());

        CompiledForm v3 = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.definition()).isEqualTo(services.forms().version(tenant.id(), FormService.CASE_FILE, 1).definition());
        assertThat(admin.postForm(base + "/history/99/restore", List.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void switching_a_module_off_hides_its_section_and_keeps_its_data() {
        ObjectNode data = TestRecords.validData("Expulsion");
        data.putObject("prevention_expulsions").put("procedure_en_cours", false);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);

        admin.postForm(base, without(shownForm(), "module.prevention-expulsions"));
        admin.postForm(base + "/publish", List.of());

        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        assertThat(form.effectiveSchema().at("/properties/prevention_expulsions").isMissingNode()).isTrue();
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/prevention_expulsions/procedure_en_cours")
                .isBoolean()).isTrue();
    }

    @Test
    void a_custom_field_is_edited_except_for_its_key_and_type() {
        admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "canal"), Map.entry("type", "singleChoice"),
                Map.entry("section", "accompagnement"), Map.entry("labelFr", "Canal"), Map.entry("options", "tel|Téléphone")));
        assertThat(admin.get(base + "/custom-fields/canal").body()).contains("value=\"Canal\"").contains("tel|Téléphone");

        HttpResponse<String> edited = admin.postForm(base + "/custom-fields/canal", List.of(Map.entry("key", "autre"),
                Map.entry("type", "text"), Map.entry("section", "contact"), Map.entry("labelFr", "Canal de contact"),
                Map.entry("options", "tel|Téléphone\nguichet|Au guichet"), Map.entry("required", "on"),
                Map.entry("whenField", "accompagnement.statut"), Map.entry("whenValues", "en_cours"),
                Map.entry("purpose", "Organisation du suivi"), Map.entry("legalBasis", "public-task")));

        assertThat(edited.statusCode()).isEqualTo(303);
        JsonNode spec = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().at("/customFields/0");
        assertThat(spec.get("key").asText()).isEqualTo("canal");
        assertThat(spec.get("type").asText()).isEqualTo("singleChoice");
        assertThat(spec.get("section").asText()).isEqualTo("contact");
        assertThat(spec.at("/label/fr").asText()).isEqualTo("Canal de contact");
        assertThat(spec.get("options")).hasSize(2);
        assertThat(spec.at("/visibleWhen/oneOf/0").asText()).isEqualTo("en_cours");
        assertThat(spec.at("/gdpr/purpose").asText()).isEqualTo("Organisation du suivi");
        assertThat(admin.get(base + "/custom-fields/inconnu").statusCode()).isEqualTo(404);
    }

    @Test
    void the_designer_in_english_names_fields_in_english_where_they_have_an_english_label() {
        String english = admin.get(base + "?lang=en").body();
        String french = admin.get(base + "?lang=fr").body();

        assertThat(english).contains("designer-field__name\">Place of birth<").contains("designer-field__name\">Identity<")
                .doesNotContain("designer-field__name\">Lieu de naissance<");
        assertThat(french).contains("designer-field__name\">Lieu de naissance<");
        assertThat(english).as("the French label stays editable as such").contains("value=\"Lieu de naissance\"");
    }

    @Test
    void a_custom_field_has_no_type_until_the_admin_chooses_one() {
        String page = admin.get(base).body();
        String typeSelect = page.substring(page.indexOf("id=\"cf-type\""), page.indexOf("</select>", page.indexOf("id=\"cf-type\"")));
        assertThat(typeSelect).contains("required").contains("<option value=\"\" selected>— Choisir —</option>")
                .doesNotContain("\" selected>Date");

        HttpResponse<String> refused = admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "sans_type"),
                Map.entry("type", ""), Map.entry("section", "identite"), Map.entry("labelFr", "Sans type")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().toString())
                .doesNotContain("sans_type");
    }
}
