package org.dossier.web.records;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.jsoup.Jsoup;
import org.dossier.Services;
import org.dossier.demo.DemoSeeder;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestUsers;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.testing.TestTenants;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The caseworker's pages over HTTP: the form, its errors, post/redirect/get, list, view, delete. */
@Tag("integration")
class RecordPagesTest {
    private static Services services;
    private static Tenant tenant;
    private static Tenant hidingTenant;
    private static String base;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "pages");
        hidingTenant = TestTenants.withForm(services, "pages-b", DemoSeeder.serviceBDefinition());
        User admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        TestUsers.join(services, admin, hidingTenant, Role.ADMIN, true);
        browser = TestClient.browser(admin);
        base = "/t/" + tenant.slug() + "/records";
    }

    static List<Map.Entry<String, String>> validPost(String lastName) {
        return org.dossier.testing.TestRecords.validPost(lastName);
    }

    private static long count(Tenant target) {
        return TestRecords.storedCount(services, target);
    }

    @Test
    void new_form_renders_labels_sections_and_french_text() {
        HttpResponse<String> page = browser.get(base + "/new");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"", "<fieldset", "<legend", "for=\"f-identite-nom\"",
                "id=\"f-identite-nom\"", "name=\"identite.nom\"", "Prévention des expulsions", "Antenne");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    }

    @Test
    void new_form_in_english_when_asked() {
        HttpResponse<String> page = browser.get(base + "/new?lang=en");

        assertThat(page.body()).contains("<html lang=\"en\"", "Eviction prevention");
    }

    @Test
    void valid_post_saves_typed_data_and_redirects_to_the_record() {
        HttpResponse<String> response = browser.postForm(base, validPost("Bernard"));

        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(base + "/").endsWith("?saved=1");
        String id = location.substring(base.length() + 1, location.indexOf('?'));
        String data = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT data FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", org.dossier.record.RecordId.parse(id).orElseThrow())
                .mapTo(String.class).one());
        assertThat(data.replace(" ", "")).contains("\"loyer\":512.5", "\"dettes\":false",
                "\"motifs\":[\"logement\",\"budget\"]", "\"lien\":\"enfant\"");

        HttpResponse<String> view = browser.get(location);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("Bernard", "Éloïse", "Le dossier a été enregistré.");
    }

    @Test
    void invalid_post_answers_422_keeps_every_value_and_links_errors_to_fields() {
        List<Map.Entry<String, String>> fields = validPost("");
        fields.add(entry("contact.email", "pas-une-adresse"));
        fields.add(entry("contact.ville", "Saint-Denis <b>"));
        long before = count(tenant);

        HttpResponse<String> response = browser.postForm(base, fields);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#f-identite-nom\"", "href=\"#f-contact-email\"",
                "value=\"pas-une-adresse\"", "Saint-Denis &lt;b&gt;", "aria-invalid=\"true\"", "f-identite-nom-error");
        assertThat(response.body()).doesNotContain("Saint-Denis <b>");
        assertThat(count(tenant)).isEqualTo(before);
    }

    @Test
    void script_in_values_is_rendered_escaped_on_the_view_page() {
        HttpResponse<String> response = browser.postForm(base, validPost("<script>alert('x')</script>"));
        assertThat(response.statusCode()).isEqualTo(303);

        HttpResponse<String> view = browser.get(response.headers().firstValue("Location").orElseThrow());

        assertThat(view.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
    }

    @Test
    void a_hidden_field_posted_to_a_service_that_hides_it_is_refused_and_not_stored() {
        List<Map.Entry<String, String>> fields = validPost("Garcia");
        fields.add(entry("accompagnement.antenne", "nord"));
        long before = count(hidingTenant);

        HttpResponse<String> response = browser.postForm("/t/" + hidingTenant.slug() + "/records", fields);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(count(hidingTenant)).isEqualTo(before);
        assertThat(browser.get("/t/" + hidingTenant.slug() + "/records/new").body())
                .doesNotContain("accompagnement.antenne").doesNotContain("Prévention des expulsions");
    }

    @Test
    void a_form_post_with_invalid_utf8_is_refused_and_stores_nothing() {
        long before = count(tenant);
        byte[] body = ("accompagnement.statut=en_cours&accompagnement.date_ouverture=2025-01-15"
                + "&identite.prenom=Ana&identite.nom=%C3%28").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        HttpResponse<String> response = browser.postBytes(base, body, "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(count(tenant)).isEqualTo(before);
    }

    @Test
    void a_form_post_over_one_mebibyte_answers_413_and_stores_nothing() {
        long before = count(tenant);
        List<Map.Entry<String, String>> fields = validPost("Volumineux");
        fields.add(entry("notes_confidentielles.contenu", "x".repeat(1024 * 1024 + 1)));

        String body = fields.stream().map(field -> java.net.URLEncoder.encode(field.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                + "=" + java.net.URLEncoder.encode(field.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));

        int status = browser.postOversized(base, "application/x-www-form-urlencoded", body);

        assertThat(status).isEqualTo(413);
        assertThat(count(tenant)).isEqualTo(before);
    }

    @Test
    void add_row_action_re_renders_with_one_more_row_without_saving() {
        List<Map.Entry<String, String>> fields = validPost("Robert");
        fields.add(entry("_action", "add:/membres_foyer"));
        long before = count(tenant);

        HttpResponse<String> response = browser.postForm(base, fields);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"membres_foyer[1].nom\"");
        assertThat(count(tenant)).isEqualTo(before);
    }

    @Test
    void list_searches_by_name_and_pages() {
        browser.postForm(base, validPost("Zéphyrin"));

        HttpResponse<String> list = browser.get(base + "?q=z%C3%A9ph");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Zéphyrin").doesNotContain("Bernard");
    }

    @Test
    void edit_with_a_stale_version_answers_409_and_keeps_the_stored_data() {
        String location = browser.postForm(base, validPost("Faure")).headers().firstValue("Location").orElseThrow();
        String recordUrl = location.substring(0, location.indexOf('?'));
        List<Map.Entry<String, String>> first = validPost("Faure-Un");
        first.add(entry("_version", "1"));
        assertThat(browser.postForm(recordUrl, first).statusCode()).isEqualTo(303);

        List<Map.Entry<String, String>> second = validPost("Faure-Deux");
        second.add(entry("_version", "1"));
        HttpResponse<String> stale = browser.postForm(recordUrl, second);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Faure-Deux");
        assertThat(browser.get(recordUrl).body()).contains("Faure-Un").doesNotContain("Faure-Deux");
    }

    @Test
    void erasing_asks_for_a_reason_shows_only_what_identifies_the_file_then_erases() {
        String location = browser.postForm(base, validPost("Lemoine")).headers().firstValue("Location").orElseThrow();
        String recordUrl = location.substring(0, location.indexOf('?'));

        HttpResponse<String> confirm = browser.get(recordUrl + "/erase");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Lemoine", "name=\"_version\"", "name=\"reason\"");
        List<Map.Entry<String, String>> shown = TestForms.asShown(confirm.body(), "form[action$=/erase]");

        HttpResponse<String> noReason = browser.postForm(recordUrl + "/erase", shown);
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(noReason.body()).select(".error-summary a[href=#erase-reason]")).hasSize(1);
        assertThat(browser.get(recordUrl).statusCode()).isEqualTo(200);

        HttpResponse<String> erased = browser.postForm(recordUrl + "/erase",
                TestForms.with(shown, "reason", "Demande d'effacement du 3 mars"));
        assertThat(erased.statusCode()).isEqualTo(303);
        assertThat(erased.headers().firstValue("Location")).hasValue(base + "?erased=1");
        assertThat(browser.get(recordUrl).statusCode()).isEqualTo(404);
        assertThat(browser.get(base + "?erased=1").body()).contains("Le dossier a été effacé");
    }

    @Test
    void actions_a_role_does_not_allow_are_not_offered() {
        org.dossier.record.CaseRecord record = services.records().create(tenant.id(), org.dossier.form.FormService.CASE_FILE,
                TestRecords.validData("Boutons"), org.dossier.audit.Actor.system("test"), java.util.Locale.FRENCH);
        String view = base + "/" + record.id();

        TestClient viewer = TestClient.browser(TestUsers.member(services, tenant, Role.VIEWER, false));
        assertThat(viewer.get(base).body()).doesNotContain(base + "/new");
        assertThat(viewer.get(view).body()).doesNotContain(view + "/edit").doesNotContain(view + "/erase");

        TestClient caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        assertThat(caseworker.get(base).body()).contains(base + "/new");
        assertThat(caseworker.get(view).body()).contains(view + "/edit").doesNotContain(view + "/erase");

        assertThat(browser.get(view).body()).contains(view + "/edit").contains(view + "/erase");
    }
}
