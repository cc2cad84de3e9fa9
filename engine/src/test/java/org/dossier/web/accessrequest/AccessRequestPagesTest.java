package org.dossier.web.accessrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Access requests over HTTP: the search of a person across the service's case files (archived
 * ones included and marked, another service's never), and the export of one case file as a
 * document and as JSON, holding exactly that case file's data, its history, its audit trail and
 * its retention dates; confidential values only for a caller holding the grant, which it states.
 */
@Tag("integration")
class AccessRequestPagesTest {
    private static final String SECRET = "Placement envisagé, ne pas divulguer";
    private static final String OTHER_MARK = "Zyxautrepersonne";
    private static Services services;
    private static Tenant tenant;
    private static Tenant elsewhere;
    private static User dpo;
    private static User admin;
    private static TestClient dpoBrowser;
    private static TestClient adminBrowser;
    private static CaseRecord active;
    private static CaseRecord archived;
    private static CaseRecord namesake;
    private static CaseRecord otherPerson;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "access");
        elsewhere = TestTenants.withBaseForm(services, "access-other");
        dpo = TestUsers.member(services, tenant, Role.DPO, false);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        dpoBrowser = TestClient.browser(dpo);
        adminBrowser = TestClient.browser(admin);
        active = create(tenant, "Durand", "Anaïs", "1980-01-02", "Lyon");
        ObjectNode changed = active.data().deepCopy();
        ((ObjectNode) changed.get("identite")).put("lieu_naissance", "Villeurbanne");
        services.records().update(tenant.id(), active.id(), 1, changed, new Actor("referente@test", "10.0.0.9"),
                Locale.FRENCH);
        archived = create(tenant, "Durand", "Anaïs", "1980-01-02", "Bron");
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET last_activity_at = NOW(6) - INTERVAL 3 YEAR
                         WHERE tenant_id = :t AND id = :id""")
                .bind("t", tenant.id()).bind("id", archived.id()).execute());
        namesake = create(tenant, "Durand", "Paul", "1975-06-30", "Lyon");
        otherPerson = create(tenant, OTHER_MARK, "Léa", "1990-03-03", "Nantes");
        create(elsewhere, "Durand", "Anaïs", "1980-01-02", "Paris");
    }

    private static CaseRecord create(Tenant service, String lastName, String firstName, String birthDate, String place) {
        ObjectNode data = TestRecords.validData(lastName);
        ((ObjectNode) data.get("identite")).put("prenom", firstName).put("date_naissance", birthDate)
                .put("lieu_naissance", place);
        data.putObject("notes_confidentielles").put("contenu", SECRET);
        return services.records().create(service.id(), FormService.CASE_FILE, data, new Actor("accueil@test", "10.0.0.8"),
                Locale.FRENCH);
    }

    private static String search(String query) {
        return "/t/" + tenant.slug() + "/admin/access?" + query;
    }

    private static String export(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id() + "/access";
    }

    // ---- search ------------------------------------------------------------------------------

    @Test
    void the_search_finds_every_file_of_the_person_archived_ones_included_and_marked() {
        HttpResponse<String> response = dpoBrowser.get(search("lastName=durand&firstName=&birthDate=1980-01-02"));

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#access-matches tbody tr")).hasSize(2);
        assertThat(page.select("#access-matches tbody tr a[href$=/access]").eachAttr("href"))
                .containsExactlyInAnyOrder(export(active), export(archived));
        assertThat(page.select("#access-matches tbody tr[data-archived] a[href$=/access]").attr("href"))
                .isEqualTo(export(archived));
        assertThat(page.select("#access-matches tbody tr[data-archived]").text()).contains("Archivé");
        assertThat(page.select("#access-matches a[href$=/erase]")).hasSize(2);
    }

    @Test
    void the_search_by_name_alone_matches_from_the_start_ignoring_case_and_accents() {
        Document page = Jsoup.parse(dpoBrowser.get(search("lastName=DUR&firstName=anais")).body());

        assertThat(page.select("#access-matches tbody tr")).hasSize(2);
        Document byName = Jsoup.parse(dpoBrowser.get(search("lastName=Durand")).body());
        assertThat(byName.select("#access-matches tbody tr a[href$=/access]").eachAttr("href"))
                .containsExactlyInAnyOrder(export(active), export(archived), export(namesake));
    }

    @Test
    void a_search_is_audited_without_its_terms() {
        dpoBrowser.get(search("lastName=Durand&birthDate=02/01/1980"));

        var events = TestAudit.events(services, tenant.id().value(), "person.searched", dpo.email());
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).details()).contains("\"found\":2").doesNotContain("Durand");
    }

    @Test
    void a_first_name_alone_or_a_wrong_date_is_refused_with_the_error_summary() {
        HttpResponse<String> firstNameOnly = dpoBrowser.get(search("firstName=Anaïs"));
        HttpResponse<String> wrongDate = dpoBrowser.get(search("lastName=Durand&birthDate=31/02/1980"));

        assertThat(firstNameOnly.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(firstNameOnly.body()).select(".error-summary a").attr("href")).isEqualTo("#access-lastName");
        assertThat(Jsoup.parse(firstNameOnly.body()).select("#access-matches")).isEmpty();
        assertThat(wrongDate.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(wrongDate.body()).select(".error-summary a").attr("href")).isEqualTo("#access-birthDate");
    }

    // ---- export ------------------------------------------------------------------------------

    @Test
    void the_document_holds_exactly_the_person_s_data_history_trail_and_retention() {
        HttpResponse<String> response = dpoBrowser.get(export(active));

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Droit d’accès — DURAND Anaïs");
        String data = page.select("section[aria-labelledby=access-data]").text();
        assertThat(data).contains("Nom Durand", "Prénom Anaïs", "Date de naissance 02/01/1980",
                "Lieu de naissance Villeurbanne");
        // Not another file's values, not even the same person's archived one.
        assertThat(response.body()).doesNotContain(OTHER_MARK, "Bron", "Paul", SECRET);
        String history = page.select("section[aria-labelledby=access-history]").text();
        assertThat(history).contains("Lyon", "Villeurbanne", "referente@test");
        assertThat(page.select("#access-trail-events tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).contains("accueil@test", "Création"))
                .anySatisfy(row -> assertThat(row).contains("referente@test", "Modification"));
        assertThat(response.body()).doesNotContain("10.0.0.8");
        assertThat(page.select("#access-retention-dates").text()).contains("Actif", "Archivé le", "Supprimé le");
        assertThat(page.selectFirst("#access-confidential").text()).contains("ne figurent pas dans ce document");
    }

    @Test
    void the_json_holds_the_same_data_without_confidential_values_for_a_caller_without_the_grant() throws Exception {
        HttpResponse<String> response = dpoBrowser.get(export(active) + ".json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment"));
        JsonNode document = TestClient.json(response);
        ObjectNode expected = services.records().get(tenant.id(), active.id()).data().deepCopy();
        expected.remove("notes_confidentielles");
        assertThat(document.get("data")).isEqualTo(expected);
        assertThat(document.at("/caseFile/id").asText()).isEqualTo(active.id().toString());
        assertThat(document.at("/confidential/included").asBoolean()).isFalse();
        assertThat(document.at("/confidential/withheld").asBoolean()).isTrue();
        assertThat(document.get("fields").findValuesAsText("label")).contains("Identité › Nom")
                .doesNotContain("Notes confidentielles › Contenu");
        assertThat(document.get("history").findValuesAsText("version")).containsExactly("2", "1");
        assertThat(document.at("/history/0/changes/0/before").asText()).isEqualTo("Lyon");
        assertThat(document.at("/history/0/changes/0/after").asText()).isEqualTo("Villeurbanne");
        assertThat(document.at("/history/1/changes").findValuesAsText("masked")).containsExactly("true");
        assertThat(document.at("/retention/phase").asText()).isEqualTo("ACTIVE");
        assertThat(document.at("/retention/deletedOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(response.body()).doesNotContain(SECRET, OTHER_MARK, "Bron");
    }

    @Test
    void with_the_grant_the_export_includes_confidential_values_says_so_and_audits_the_read() {
        HttpResponse<String> page = adminBrowser.get(export(active));
        JsonNode document = TestClient.json(adminBrowser.get(export(active) + ".json"));

        assertThat(page.body()).contains(SECRET);
        assertThat(Jsoup.parse(page.body()).selectFirst("#access-confidential").text())
                .contains("contient les valeurs des champs confidentiels");
        assertThat(document.at("/data/notes_confidentielles/contenu").asText()).isEqualTo(SECRET);
        assertThat(document.at("/confidential/included").asBoolean()).isTrue();
        assertThat(TestAudit.events(services, tenant.id().value(), "record.access.exported", admin.email()))
                .extracting(event -> event.details()).anySatisfy(details -> assertThat(details)
                        .contains("\"format\":\"html\"", "\"confidential\":true"))
                .anySatisfy(details -> assertThat(details).contains("\"format\":\"json\""));
        assertThat(TestAudit.events(services, tenant.id().value(), "record.confidential.read", admin.email()))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void each_export_is_audited_against_its_case_file() {
        dpoBrowser.get(export(archived));

        assertThat(TestAudit.events(services, tenant.id().value(), "record.access.exported", dpo.email()))
                .extracting(event -> event.targetId()).contains(archived.id().toString());
        assertThat(TestAudit.events(services, tenant.id().value(), "record.confidential.read", dpo.email())).isEmpty();
    }

    @Test
    void a_dpo_exports_but_does_not_browse_case_files() {
        assertThat(dpoBrowser.get("/t/" + tenant.slug() + "/records/" + active.id()).statusCode()).isEqualTo(403);
        assertThat(dpoBrowser.get("/t/" + tenant.slug() + "/records/" + active.id() + "/history").statusCode())
                .isEqualTo(403);
        assertThat(dpoBrowser.get(export(archived)).statusCode()).isEqualTo(200);
        assertThat(TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true)).get(export(active))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void the_admin_s_case_file_page_links_to_the_export() {
        Document page = Jsoup.parse(adminBrowser.get("/t/" + tenant.slug() + "/records/" + active.id()).body());

        assertThat(page.select("a[href=" + export(active) + "]")).hasSize(1);
        assertThat(List.of(page.select("nav a").eachAttr("href"))).anySatisfy(links ->
                assertThat(links).contains("/t/" + tenant.slug() + "/admin/access"));
    }
}
