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
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.modules.Modules;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The case file one section at a time, over HTTP without JavaScript: the summary page's cards and
 * their "Modifier" links, a section's own page, and a section save that changes that section only.
 */
@Tag("integration")
class SectionPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Signalement en cours, ne pas divulguer";
    private static final List<String> BASE_SECTIONS = List.of("accompagnement", "identite", "membres_foyer", "contact",
            "logement_ressources", "suivis", "prevention_expulsions", "notes_confidentielles");
    private static Services services;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    private static ObjectNode fullRecord() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14", "antenne": "nord",
                                    "motifs": ["logement", "budget"]},
                 "identite": {"nom": "Berger", "prenom": "Hélène", "date_naissance": "1984-02-29", "lieu_naissance": "Lyon"},
                 "contact": {"ville": "Lyon", "accepte_sms": true},
                 "membres_foyer": [{"nom": "Berger", "prenom": "Léo", "lien": "enfant", "date_naissance": "2015-04-01"},
                                   {"nom": "Berger", "prenom": "Ana", "lien": "conjoint"}],
                 "logement_ressources": {"loyer": 512.5, "dettes": false},
                 "suivis": [{"date": "2025-03-14", "type": "entretien", "resume": "Premier entretien"}],
                 "prevention_expulsions": {"procedure_en_cours": true, "stade": "audience", "date_audience": "2027-01-15"},
                 "notes_confidentielles": {"contenu": "%s"}}
                """.formatted(NOTE));
    }

    private static CaseRecord create(Tenant tenant) throws Exception {
        return services.records().create(tenant.id(), FormService.CASE_FILE, fullRecord(), Actor.system("test"),
                Locale.FRENCH);
    }

    private static void customise(Tenant tenant, String customisation) throws Exception {
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, (ObjectNode) JSON.readTree(customisation),
                Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
    }

    private static String url(Tenant tenant, CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static JsonNode stored(Tenant tenant, CaseRecord record) {
        return services.records().get(tenant.id(), record.id()).data();
    }

    @Test
    void the_summary_lists_every_visible_section_with_its_modifier_link() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "summary");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));

        HttpResponse<String> page = browser.get(url(tenant, record));

        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("section.summary-card").eachAttr("id"))
                .containsExactlyInAnyOrderElementsOf(BASE_SECTIONS.stream().map(key -> "section-" + key).toList());
        for (String key : BASE_SECTIONS) {
            Element card = html.getElementById("section-" + key);
            String title = card.selectFirst("h2").text();
            Element edit = card.selectFirst("a[href=" + url(tenant, record) + "/sections/" + key + "]");
            assertThat(edit).as(key).isNotNull();
            assertThat(edit.text()).isEqualTo("Modifier " + title);
            assertThat(edit.selectFirst(".visually-hidden").text()).isEqualTo(title);
        }
        assertThat(html.getElementById("section-identite").select(".summary-list__row"))
                .anySatisfy(row -> assertThat(row.text()).isEqualTo("Nom Berger"));
        assertThat(html.getElementById("section-membres_foyer").text()).contains("Léo", "Ana");
        assertThat(html.select("a[href=" + url(tenant, record) + "/edit]").text()).isEqualTo("Modifier tout le dossier");
    }

    @Test
    void a_member_without_the_grant_sees_the_confidential_card_masked_and_cannot_edit_it() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "summary-masked");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));

        Document html = Jsoup.parse(browser.get(url(tenant, record)).body());

        Element card = html.getElementById("section-notes_confidentielles");
        assertThat(card.select("a")).isEmpty();
        assertThat(html.html()).doesNotContain(NOTE);
        assertThat(browser.get(url(tenant, record) + "/sections/notes_confidentielles").statusCode()).isEqualTo(404);
    }

    @Test
    void a_section_save_changes_only_that_section_and_keeps_what_the_member_cannot_see() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-save");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        JsonNode before = stored(tenant, record);

        String edit = browser.get(url(tenant, record) + "/sections/identite").body();
        assertThat(edit).contains("name=\"identite.nom\"").doesNotContain("name=\"contact.ville\"",
                "name=\"membres_foyer[0].nom\"", "name=\"accompagnement.statut\"");
        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(edit), "identite.prenom", "Hélène-Marie"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(url(tenant, record) + "?saved=identite#section-identite");
        ObjectNode expected = before.deepCopy();
        ((ObjectNode) expected.get("identite")).put("prenom", "Hélène-Marie");
        assertThat(stored(tenant, record)).isEqualTo(expected);
        // Back on the summary, the flash is in the saved section's card, the one the page opens at.
        Document summary = Jsoup.parse(browser.get(url(tenant, record) + "?saved=identite").body());
        assertThat(summary.select("#section-identite[data-saved] .flash[role=status]").text())
                .isEqualTo("La section « Identité » a été enregistrée.");
        assertThat(summary.select("[data-saved]")).hasSize(1);
    }

    @Test
    void a_section_with_rows_saves_its_rows_only() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-rows");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);

        String edit = browser.get(url(tenant, record) + "/sections/membres_foyer").body();
        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/sections/membres_foyer",
                TestForms.with(TestForms.asShown(edit), "membres_foyer[1].prenom", "Anaïs"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        ObjectNode expected = before.deepCopy();
        ((ObjectNode) expected.get("membres_foyer").get(1)).put("prenom", "Anaïs");
        assertThat(stored(tenant, record)).isEqualTo(expected);
    }

    @Test
    void a_required_field_of_the_section_refuses_the_save_with_the_error_summary() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-required");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);

        String edit = browser.get(url(tenant, record) + "/sections/identite").body();
        HttpResponse<String> refused = browser.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(edit), "identite.nom", ""));

        assertThat(refused.statusCode()).isEqualTo(422);
        Document html = Jsoup.parse(refused.body());
        assertThat(html.select(".error-summary a").eachAttr("href")).containsExactly("#f-identite-nom");
        assertThat(html.getElementById("f-identite-nom-error")).isNotNull();
        assertThat(html.title()).startsWith("Erreur");
        assertThat(stored(tenant, record)).isEqualTo(before);
    }

    @Test
    void a_required_gap_outside_the_section_does_not_block_its_save() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-gap");
        CaseRecord record = create(tenant);
        customise(tenant, """
                {"fields": {"contact.telephone": {"required": true}}}""");
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);
        // The whole form is refused for the gap: it is there.
        String full = browser.get(url(tenant, record) + "/edit").body();
        assertThat(browser.postForm(url(tenant, record), TestForms.asShown(full)).statusCode()).isEqualTo(422);

        String edit = browser.get(url(tenant, record) + "/sections/identite").body();
        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(edit), "identite.lieu_naissance", "Villeurbanne"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        ObjectNode expected = before.deepCopy();
        ((ObjectNode) expected.get("identite")).put("lieu_naissance", "Villeurbanne");
        assertThat(stored(tenant, record)).isEqualTo(expected);
        // The section that holds the gap requires it.
        String contact = browser.get(url(tenant, record) + "/sections/contact").body();
        HttpResponse<String> refused = browser.postForm(url(tenant, record) + "/sections/contact",
                TestForms.asShown(contact));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select(".error-summary a").eachAttr("href"))
                .containsExactly("#f-contact-telephone");
    }

    @Test
    void hidden_and_switched_off_sections_are_neither_offered_nor_editable() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-hidden");
        CaseRecord record = create(tenant);
        customise(tenant, """
                {"fields": {"contact": {"hidden": true}}, "modules": {"%s": false}}""".formatted(Modules.EVICTION));
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        TestClient browser = TestClient.browser(member);
        JsonNode before = stored(tenant, record);

        Document summary = Jsoup.parse(browser.get(url(tenant, record)).body());

        assertThat(summary.select("section.summary-card").eachAttr("id"))
                .doesNotContain("section-contact", "section-prevention_expulsions").contains("section-identite");
        assertThat(summary.select("a[href*=/sections/contact], a[href*=/sections/prevention_expulsions]")).isEmpty();
        for (String key : List.of("contact", "prevention_expulsions", "nope", "other-fields")) {
            assertThat(browser.get(url(tenant, record) + "/sections/" + key).statusCode()).as(key).isEqualTo(404);
            HttpResponse<String> post = browser.postForm(url(tenant, record) + "/sections/" + key,
                    List.of(Map.entry("_version", "1"), Map.entry("contact.ville", "Paris")));
            assertThat(post.statusCode()).as(key).isEqualTo(404);
        }
        assertThat(stored(tenant, record)).isEqualTo(before);
    }

    @Test
    void a_field_placed_in_a_section_is_edited_and_saved_with_it_and_a_field_in_no_section_has_its_own_card()
            throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-custom");
        CaseRecord record = create(tenant);
        customise(tenant, """
                {"fields": {"logement_ressources": {"hidden": true}},
                 "customFields": [
                   {"key": "numero_allocataire", "type": "text", "section": "identite",
                    "label": {"fr": "Numéro allocataire"}, "required": false},
                   {"key": "bailleur_social", "type": "text", "section": "logement_ressources",
                    "label": {"fr": "Bailleur social"}, "required": false}]}""");
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);

        String edit = browser.get(url(tenant, record) + "/sections/identite").body();
        assertThat(edit).contains("name=\"numero_allocataire\"").doesNotContain("name=\"bailleur_social\"");
        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(edit), "numero_allocataire", "1234567"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        ObjectNode expected = before.deepCopy();
        expected.put("numero_allocataire", "1234567");
        assertThat(stored(tenant, record)).isEqualTo(expected);

        // Its section hidden, the second field shows at the root: in a card of its own, edited on its own.
        Document summary = Jsoup.parse(browser.get(url(tenant, record)).body());
        assertThat(summary.select("#section-other-fields h2").text()).isEqualTo("Autres informations");
        assertThat(summary.select("#section-identite").text()).contains("Numéro allocataire 1234567");
        String other = browser.get(url(tenant, record) + "/sections/other-fields").body();
        HttpResponse<String> otherSaved = browser.postForm(url(tenant, record) + "/sections/other-fields",
                TestForms.with(TestForms.asShown(other), "bailleur_social", "Immobilière 3F"));
        assertThat(otherSaved.statusCode()).as(otherSaved.body()).isEqualTo(303);
        expected.put("bailleur_social", "Immobilière 3F");
        assertThat(stored(tenant, record)).isEqualTo(expected);
    }

    @Test
    void a_save_of_another_section_in_between_is_no_conflict_but_one_of_the_same_section_is() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-between");
        CaseRecord record = create(tenant);
        TestClient first = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        TestClient second = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        String identity = first.get(url(tenant, record) + "/sections/identite").body();
        String contact = second.get(url(tenant, record) + "/sections/contact").body();
        assertThat(second.postForm(url(tenant, record) + "/sections/contact",
                TestForms.with(TestForms.asShown(contact), "contact.ville", "Villeurbanne")).statusCode()).isEqualTo(303);

        HttpResponse<String> saved = first.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(identity), "identite.prenom", "Hélène-Marie"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored(tenant, record).at("/contact/ville").asText()).isEqualTo("Villeurbanne");
        assertThat(stored(tenant, record).at("/identite/prenom").asText()).isEqualTo("Hélène-Marie");

        // Both open the identity section; the second's save of it makes the first's a conflict.
        String again = first.get(url(tenant, record) + "/sections/identite").body();
        String theirs = second.get(url(tenant, record) + "/sections/identite").body();
        assertThat(second.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(theirs), "identite.lieu_naissance", "Bron")).statusCode()).isEqualTo(303);
        HttpResponse<String> conflict = first.postForm(url(tenant, record) + "/sections/identite",
                TestForms.with(TestForms.asShown(again), "identite.lieu_naissance", "Vénissieux"));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(stored(tenant, record).at("/identite/lieu_naissance").asText()).isEqualTo("Bron");
    }

    @Test
    void a_reader_gets_no_modifier_link() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "section-reader");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.VIEWER, true));

        Document summary = Jsoup.parse(browser.get(url(tenant, record)).body());

        assertThat(summary.select("section.summary-card")).hasSize(BASE_SECTIONS.size());
        assertThat(summary.select("a[href*=/sections/], a[href$=/follow-up]")).isEmpty();
    }
}
