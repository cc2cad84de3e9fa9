package org.dossier.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A field a publication makes required, over HTTP: the admin chooses at publish whom it is
 * required of, seeing how many case files lack it; an existing case file then saves without it
 * ("for new case files only") or not ("also for existing ones"); the "à compléter" flag follows
 * every save and every publication; the edit and view pages link to the missing field.
 */
@Tag("integration")
class RequiredForNewOnlyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Services services;
    private Tenant tenant;
    private TestClient admin;
    private TestClient caseworker;
    private String base;
    private String recordsUrl;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "required-new");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        base = "/t/" + tenant.slug() + "/admin/form";
        recordsUrl = "/t/" + tenant.slug() + "/records";
    }

    private CaseRecord existing(ObjectNode data) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private void addRequiredCustomField(String key, String label, String whenField, String whenValues) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("key", key), Map.entry("type", "text"),
                Map.entry("section", "identite"), Map.entry("labelFr", label), Map.entry("labelEn", label + " (en)"),
                Map.entry("required", "on")));
        if (!whenField.isEmpty()) {
            fields.add(Map.entry("whenField", whenField));
            fields.add(Map.entry("whenValues", whenValues));
        }
        HttpResponse<String> added = admin.postForm(base + "/custom-fields", fields);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
    }

    private HttpResponse<String> publish(String pointer, String scope) {
        return admin.postForm(base + "/publish", List.of(Map.entry("required:" + pointer, scope)));
    }

    private boolean toComplete(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT to_complete FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", id).mapTo(Boolean.class).one());
    }

    private int publishedVersion() {
        return services.forms().latest(tenant.id(), FormService.CASE_FILE).version();
    }

    private HttpResponse<String> saveAsShown(RecordId id, String name, String value) {
        String edit = caseworker.get(recordsUrl + "/" + id + "/edit").body();
        List<Map.Entry<String, String>> form = new ArrayList<>(TestForms.asShown(edit));
        if (name != null) {
            form = new ArrayList<>(TestForms.with(form, name, value));
            if (form.stream().noneMatch(field -> field.getKey().equals(name))) {
                form.add(Map.entry(name, value));
            }
        }
        return caseworker.postForm(recordsUrl + "/" + id, form);
    }

    @Test
    void publishing_a_new_required_field_asks_whom_it_is_for_with_no_answer_chosen_and_refuses_without_one() {
        existing(TestRecords.validData("Sans-Numéro"));
        existing(TestRecords.validData("Autre"));
        addRequiredCustomField("numero_allocataire", "Numéro allocataire", "", "");

        Document page = Jsoup.parse(admin.get(base + "/publish").body());
        assertThat(page.select("legend").eachText()).contains("Numéro allocataire");
        assertThat(page.select("#required-0-count").text()).isEqualTo("2 dossiers existants sont sans ce champ.");
        assertThat(page.select("input[name='required:/numero_allocataire']")).extracting(radio -> radio.attr("value"))
                .containsExactly("new", "existing");
        assertThat(page.select("input[name='required:/numero_allocataire'][checked]")).as("no silent default").isEmpty();

        HttpResponse<String> refused = admin.postForm(base + "/publish", List.of());
        assertThat(refused.statusCode()).isEqualTo(422);
        Document again = Jsoup.parse(refused.body());
        assertThat(again.select(".error-summary a").attr("href")).isEqualTo("#required-0-new");
        assertThat(again.select(".error-summary a").text())
                .isEqualTo("Choisissez pour quels dossiers « Numéro allocataire » est obligatoire");
        assertThat(again.select("#required-0-new").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.title()).startsWith("Erreur");
        assertThat(publishedVersion()).as("nothing published").isEqualTo(1);

        HttpResponse<String> english = admin.get(base + "/publish", "Accept-Language", "en");
        assertThat(Jsoup.parse(english.body()).select("#required-0-count").text())
                .isEqualTo("2 existing case files lack this field.");
    }

    @Test
    void for_new_case_files_only_an_existing_one_saves_without_the_field_and_a_new_one_is_refused() throws Exception {
        CaseRecord before = existing(TestRecords.validData("Ancien"));
        assertThat(toComplete(before.id())).isFalse();
        addRequiredCustomField("numero_allocataire", "Numéro allocataire", "", "");

        assertThat(publish("/numero_allocataire", "new").statusCode()).isEqualTo(303);
        assertThat(publishedVersion()).isEqualTo(2);
        assertThat(toComplete(before.id())).as("recomputed at publish").isTrue();
        String stored = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT required_choices FROM form_versions WHERE tenant_id = :t AND version = 2")
                .bind("t", tenant.id()).mapTo(String.class).one());
        assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree("{\"/numero_allocataire\": \"new\"}"));

        // The edit page names the missing field, linked to its control.
        Document edit = Jsoup.parse(caseworker.get(recordsUrl + "/" + before.id() + "/edit").body());
        assertThat(edit.select(".to-complete a").attr("href")).isEqualTo("#f-numero_allocataire");
        assertThat(edit.select(".to-complete a").text()).isEqualTo("Numéro allocataire");
        assertThat(edit.getElementById("f-numero_allocataire")).as("the link's target exists").isNotNull();
        // So does the view page, linked to the section page holding the field.
        Document view = Jsoup.parse(caseworker.get(recordsUrl + "/" + before.id()).body());
        assertThat(view.select(".to-complete h2").text()).isEqualTo("À compléter");
        assertThat(view.select(".to-complete a").attr("href"))
                .isEqualTo(recordsUrl + "/" + before.id() + "/sections/identite#f-numero_allocataire");

        // An unrelated change to the existing case file is saved without the new field (page).
        HttpResponse<String> saved = saveAsShown(before.id(), "identite.prenom", "Hélène-Marie");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(services.records().get(tenant.id(), before.id()).data().at("/identite/prenom").asText())
                .isEqualTo("Hélène-Marie");
        assertThat(toComplete(before.id())).as("still lacks it").isTrue();

        // And through the API.
        TestClient api = TestClient.api(services, TestUsers.member(services, tenant, Role.CASEWORKER, false));
        ObjectNode update = JSON.createObjectNode().put("version", 2);
        update.set("data", TestRecords.validData("Ancien-API"));
        HttpResponse<String> viaApi = api.putJson("/api/v1/tenants/" + tenant.slug() + "/records/" + before.id(),
                update.toString());
        assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(200);

        // A new case file needs it.
        HttpResponse<String> created = caseworker.postForm(recordsUrl, TestRecords.validPost("Nouveau"));
        assertThat(created.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(created.body()).select(".error-summary a").eachAttr("href")).contains("#f-numero_allocataire");

        // Filled at last: no longer à compléter, and the notices are gone.
        HttpResponse<String> filled = saveAsShown(before.id(), "numero_allocataire", "AF-1234");
        assertThat(filled.statusCode()).as(filled.body()).isEqualTo(303);
        assertThat(toComplete(before.id())).isFalse();
        assertThat(Jsoup.parse(caseworker.get(recordsUrl + "/" + before.id()).body()).select(".to-complete")).isEmpty();
        assertThat(Jsoup.parse(caseworker.get(recordsUrl + "/" + before.id() + "/edit").body()).select(".to-complete"))
                .isEmpty();
    }

    @Test
    void also_for_existing_case_files_refuses_the_existing_one_at_its_next_save() {
        CaseRecord before = existing(TestRecords.validData("Ancien"));
        addRequiredCustomField("numero_allocataire", "Numéro allocataire", "", "");

        assertThat(publish("/numero_allocataire", "existing").statusCode()).isEqualTo(303);
        assertThat(toComplete(before.id())).isTrue();

        HttpResponse<String> refused = saveAsShown(before.id(), "identite.prenom", "Hélène-Marie");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select(".error-summary a").eachAttr("href")).contains("#f-numero_allocataire");
        assertThat(services.records().get(tenant.id(), before.id()).data().at("/identite/prenom").asText())
                .as("nothing saved").isEqualTo("Hélène");

        assertThat(saveAsShown(before.id(), "numero_allocataire", "AF-1").statusCode()).isEqualTo(303);
        assertThat(toComplete(before.id())).isFalse();
    }

    @Test
    void a_later_publication_keeps_the_exemption_and_base_required_fields_stay_required() {
        CaseRecord before = existing(TestRecords.validData("Ancien"));
        addRequiredCustomField("numero_allocataire", "Numéro allocataire", "", "");
        assertThat(publish("/numero_allocataire", "new").statusCode()).isEqualTo(303);
        // A second publication that makes nothing required asks nothing and keeps the first choice.
        ObjectNode customisation = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().deepCopy();
        ObjectNode fields = customisation.has("fields") ? (ObjectNode) customisation.get("fields")
                : customisation.putObject("fields");
        fields.putObject("identite.nom").putObject("hint").put("fr", "Tel qu’il figure sur la pièce d’identité");
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
        assertThat(Jsoup.parse(admin.get(base + "/publish").body()).select("input[type=radio]")).isEmpty();
        assertThat(admin.postForm(base + "/publish", List.of()).statusCode()).isEqualTo(303);
        assertThat(publishedVersion()).isEqualTo(3);

        assertThat(saveAsShown(before.id(), "identite.prenom", "Encore").statusCode()).isEqualTo(303);
        // The base form's own required field is not exempted by any choice.
        HttpResponse<String> noName = saveAsShown(before.id(), "identite.nom", "");
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(noName.body()).select(".error-summary a").eachAttr("href")).containsExactly("#f-identite-nom");
    }

    @Test
    void counts_and_flags_skip_absent_optional_sections_look_into_rows_and_ignore_fields_a_condition_hides() {
        ObjectNode noContact = TestRecords.validData("Sans-Contact");
        ObjectNode contactWithoutPhone = TestRecords.validData("Sans-Téléphone");
        contactWithoutPhone.putObject("contact").put("ville", "Lyon");
        ObjectNode rowWithoutBirth = TestRecords.validData("Ligne-Incomplète");
        rowWithoutBirth.putObject("contact").put("telephone", "0102030405");
        rowWithoutBirth.putArray("membres_foyer").addObject().put("nom", "A").put("prenom", "B").put("lien", "enfant");
        ObjectNode complete = TestRecords.validData("Complet");
        complete.putObject("contact").put("telephone", "0102030405");
        complete.putArray("membres_foyer").addObject().put("nom", "A").put("prenom", "B").put("lien", "enfant")
                .put("date_naissance", "2010-01-01");
        ObjectNode closed = TestRecords.validData("Clos");
        ((ObjectNode) closed.get("accompagnement")).put("statut", "clos").put("date_cloture", "2025-04-01");
        closed.putObject("contact").put("telephone", "0102030405");
        CaseRecord[] records = {existing(noContact), existing(contactWithoutPhone), existing(rowWithoutBirth),
                existing(complete), existing(closed)};

        ObjectNode customisation = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().deepCopy();
        ObjectNode fields = customisation.has("fields") ? (ObjectNode) customisation.get("fields")
                : customisation.putObject("fields");
        fields.putObject("contact.telephone").put("required", true);
        fields.putObject("membres_foyer.date_naissance").put("required", true);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
        // Required only while the case file is closed: shown under a condition.
        addRequiredCustomField("motif_cloture", "Motif de clôture", "accompagnement.statut", "clos");

        Document page = Jsoup.parse(admin.get(base + "/publish").body());
        Map<String, String> counts = new java.util.LinkedHashMap<>();
        page.select("fieldset").forEach(set -> counts.put(set.selectFirst("legend").text(), set.selectFirst(".hint").text()));
        assertThat(counts).containsEntry("Téléphone", "1 dossier existant est sans ce champ.")
                .containsEntry("Date de naissance", "1 dossier existant a au moins une ligne sans ce champ.")
                .containsEntry("Motif de clôture", "Au plus 5 dossiers existants sont sans ce champ (champ affiché sous "
                        + "condition : le compte inclut les dossiers où il est masqué).");
        List<Map.Entry<String, String>> answers = new ArrayList<>();
        page.select("input[type=radio][value=new]").forEach(radio -> answers.add(Map.entry(radio.attr("name"), "new")));
        assertThat(answers).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("required:/contact/telephone",
                "required:/membres_foyer/*/date_naissance", "required:/motif_cloture");
        assertThat(admin.postForm(base + "/publish", answers).statusCode()).isEqualTo(303);

        assertThat(toComplete(records[0].id())).as("no contact section: nothing inside it is required").isFalse();
        assertThat(toComplete(records[1].id())).as("contact without telephone").isTrue();
        assertThat(toComplete(records[2].id())).as("a row without a birth date").isTrue();
        assertThat(toComplete(records[3].id())).as("complete; the condition hides motif_cloture").isFalse();
        assertThat(toComplete(records[4].id())).as("closed: motif_cloture shown and missing").isTrue();

        // The exemption holds for the rows of an existing case file too.
        assertThat(saveAsShown(records[2].id(), "identite.prenom", "Autre").statusCode()).isEqualTo(303);
        Document edit = Jsoup.parse(caseworker.get(recordsUrl + "/" + records[2].id() + "/edit").body());
        assertThat(edit.select(".to-complete a").eachAttr("href")).containsExactly("#f-membres_foyer-0-date_naissance");
        assertThat(edit.getElementById("f-membres_foyer-0-date_naissance")).isNotNull();

        // The case-file page skips validating a case file saved through the latest version and not flagged:
        // what it shows lacking is what a validation finds, for every case file here, flagged or not,
        // saved before the publication or after it, with the confidential grant or without.
        assertThat(saveAsShown(records[3].id(), "identite.prenom", "Encore").statusCode()).isEqualTo(303);
        assertThat(services.records().get(tenant.id(), records[3].id()).schemaVersion()).isEqualTo(publishedVersion());
        for (CaseRecord record : records) {
            for (boolean grant : new boolean[] {true, false}) {
                assertThat(services.records().readShown(tenant.id(), record.id(), Actor.system("test"), grant)
                        .missingRequired()).as(record.data().path("identite").path("nom").asText())
                        .isEqualTo(services.records().missingRequired(tenant.id(), record.id(), grant));
            }
        }
    }

    @Test
    void a_required_field_of_a_switched_off_module_is_not_asked_about_nor_counted_until_the_module_is_on_again() {
        ObjectNode started = TestRecords.validData("Expulsion");
        started.putObject("prevention_expulsions").put("date_audience", "2025-06-01");
        CaseRecord record = existing(started);
        ObjectNode customisation = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().deepCopy();
        customisation.putObject("fields").putObject("prevention_expulsions.procedure_en_cours").put("required", true);
        customisation.putObject("modules").put("prevention-expulsions", false);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, Actor.system("test"));

        assertThat(Jsoup.parse(admin.get(base + "/publish").body()).select("input[type=radio]")).isEmpty();
        assertThat(admin.postForm(base + "/publish", List.of()).statusCode()).isEqualTo(303);
        assertThat(toComplete(record.id())).as("the module is off: its fields do not count").isFalse();

        ObjectNode on = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().deepCopy();
        ((ObjectNode) on.get("modules")).put("prevention-expulsions", true);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, on, Actor.system("test"));
        Document page = Jsoup.parse(admin.get(base + "/publish").body());
        assertThat(page.select("input[type=radio][value=existing]").eachAttr("name"))
                .containsExactly("required:/prevention_expulsions/procedure_en_cours");
        assertThat(page.select("#required-0-count").text()).isEqualTo("1 dossier existant est sans ce champ.");
        assertThat(publish("/prevention_expulsions/procedure_en_cours", "existing").statusCode()).isEqualTo(303);
        assertThat(toComplete(record.id())).isTrue();
    }
}
