package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.dossier.testing.TestForms;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Ajouter une entrée de suivi" over HTTP without JavaScript: a page of one new follow-up row,
 * prefilled, appended in one step with every stored row and the rest of the case file kept.
 */
@Tag("integration")
class FollowUpPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Signalement en cours, ne pas divulguer";
    private static Services services;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    private static CaseRecord create(Tenant tenant) throws Exception {
        ObjectNode data = (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14"},
                 "identite": {"nom": "Berger", "prenom": "Hélène"},
                 "contact": {"ville": "Lyon"},
                 "suivis": [{"date": "2025-03-14", "type": "entretien", "intervenant": "Claire", "resume": "Premier entretien"},
                            {"date": "2025-04-02", "type": "appel", "resume": "Point sur le dossier FSL"}],
                 "notes_confidentielles": {"contenu": "%s"}}
                """.formatted(NOTE));
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String url(Tenant tenant, CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static JsonNode stored(Tenant tenant, CaseRecord record) {
        return services.records().get(tenant.id(), record.id()).data();
    }

    @Test
    void the_page_shows_one_new_entry_dated_today_and_signed_by_the_person() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-page");
        CaseRecord record = create(tenant);
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient browser = TestClient.browser(member);

        HttpResponse<String> page = browser.get(url(tenant, record) + "/follow-up");

        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.selectFirst("h1").text()).isEqualTo("Ajouter une entrée de suivi");
        assertThat(html.selectFirst("input[name=date]").attr("value"))
                .isEqualTo(LocalDate.now(ZoneId.of("Europe/Paris")).toString());
        assertThat(html.selectFirst("input[name=intervenant]").attr("value")).isEqualTo(member.displayName());
        assertThat(html.select("select[name=type]")).hasSize(1);
        assertThat(html.select("[name=resume]")).hasSize(1);
        // One new entry only: none of the stored rows, no other field of the case file.
        assertThat(page.body()).doesNotContain("Premier entretien", "identite.nom", "suivis[");
        assertThat(html.select("form[data-dossier-form]").attr("action")).isEqualTo(url(tenant, record) + "/follow-up");
    }

    @Test
    void a_saved_entry_is_appended_and_everything_else_is_kept() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-save");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        JsonNode before = stored(tenant, record);

        String page = browser.get(url(tenant, record) + "/follow-up").body();
        List<Map.Entry<String, String>> post = TestForms.with(TestForms.with(TestForms.asShown(page),
                "type", "visite_domicile"), "resume", "Visite : logement humide, signalement à l’ARS");
        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/follow-up", post);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(url(tenant, record) + "?followUp=1#section-suivis");
        ObjectNode expected = before.deepCopy();
        ObjectNode entry = ((ArrayNode) expected.get("suivis")).addObject();
        entry.put("date", LocalDate.now(ZoneId.of("Europe/Paris")).toString()).put("type", "visite_domicile")
                .put("intervenant", Jsoup.parse(page).selectFirst("input[name=intervenant]").attr("value"))
                .put("resume", "Visite : logement humide, signalement à l’ARS");
        assertThat(stored(tenant, record)).isEqualTo(expected);
        Document summary = Jsoup.parse(browser.get(url(tenant, record) + "?followUp=1").body());
        assertThat(summary.select("#section-suivis[data-saved] .flash").text()).isEqualTo("L’entrée de suivi a été ajoutée.");
        assertThat(summary.select("#section-suivis").text()).contains("signalement à l’ARS");
    }

    @Test
    void missing_required_fields_are_refused_with_the_error_summary() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-required");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);

        HttpResponse<String> refused = browser.postForm(url(tenant, record) + "/follow-up",
                List.of(Map.entry("date", ""), Map.entry("type", ""), Map.entry("intervenant", "Claire"),
                        Map.entry("resume", "")));

        assertThat(refused.statusCode()).isEqualTo(422);
        Document html = Jsoup.parse(refused.body());
        assertThat(html.select(".error-summary a").eachAttr("href"))
                .containsExactlyInAnyOrder("#f-date", "#f-type", "#f-resume");
        assertThat(html.selectFirst("input[name=intervenant]").attr("value")).isEqualTo("Claire");
        assertThat(stored(tenant, record)).isEqualTo(before);
    }

    @Test
    void a_required_gap_elsewhere_does_not_block_a_new_entry() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-gap");
        CaseRecord record = create(tenant);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE,
                (ObjectNode) JSON.readTree("""
                        {"fields": {"contact.telephone": {"required": true}, "suivis.intervenant": {"required": true}}}"""),
                Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        // The contact section now lacks a required telephone, and the second stored entry its author:
        // the full form would be refused for them.
        String full = browser.get(url(tenant, record) + "/edit").body();
        assertThat(browser.postForm(url(tenant, record), TestForms.asShown(full)).statusCode()).isEqualTo(422);

        HttpResponse<String> saved = browser.postForm(url(tenant, record) + "/follow-up",
                List.of(Map.entry("date", "2025-05-01"), Map.entry("type", "appel"), Map.entry("intervenant", "Claire"),
                        Map.entry("resume", "Relance")));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored(tenant, record).get("suivis")).hasSize(3);
        assertThat(stored(tenant, record).get("suivis").get(1).has("intervenant")).isFalse();
        // The new entry's own required fields still are.
        HttpResponse<String> refused = browser.postForm(url(tenant, record) + "/follow-up",
                List.of(Map.entry("date", "2025-05-02"), Map.entry("type", "appel"), Map.entry("resume", "Relance")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select(".error-summary a").eachAttr("href")).containsExactly("#f-intervenant");
    }

    @Test
    void a_form_without_the_follow_up_group_offers_no_such_page() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-none");
        CaseRecord record = create(tenant);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE,
                (ObjectNode) JSON.readTree("{\"fields\": {\"suivis\": {\"hidden\": true}}}"), Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        JsonNode before = stored(tenant, record);

        assertThat(browser.get(url(tenant, record) + "/follow-up").statusCode()).isEqualTo(404);
        assertThat(browser.postForm(url(tenant, record) + "/follow-up", List.of(Map.entry("date", "2025-05-01"),
                Map.entry("type", "appel"), Map.entry("resume", "Relance"))).statusCode()).isEqualTo(404);
        assertThat(browser.get(url(tenant, record)).body()).doesNotContain("/follow-up");
        assertThat(browser.get("/t/" + tenant.slug() + "/records").body()).doesNotContain("/follow-up");
        assertThat(stored(tenant, record)).isEqualTo(before);
    }

    @Test
    void the_list_and_the_case_file_page_offer_the_follow_up_page() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "followup-links");
        CaseRecord record = create(tenant);
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));

        Document list = Jsoup.parse(browser.get("/t/" + tenant.slug() + "/records").body());
        Document summary = Jsoup.parse(browser.get(url(tenant, record)).body());

        assertThat(list.select("a[href=" + url(tenant, record) + "/follow-up]").text())
                .isEqualTo("Ajouter un suivi au dossier de Berger Hélène");
        assertThat(summary.select("a[href=" + url(tenant, record) + "/follow-up]").text())
                .isEqualTo("Ajouter une entrée de suivi");
    }
}
