package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Archived case files over HTTP, pages and API: every write path refused (409, code
 * {@code archived}) with the stored row unchanged, the banner without edit links, the audited
 * opening, the archives search, and an admin's reactivation and legal hold without JavaScript.
 */
@Tag("integration")
class ArchivePagesTest {
    private static Services services;
    private static Tenant tenant;
    private static User caseworker;
    private static User admin;
    private static TestClient worker;
    private static TestClient adminBrowser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "archive-pages");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        worker = TestClient.browser(caseworker);
        adminBrowser = TestClient.browser(admin);
    }

    private static CaseRecord create(String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
    }

    private static void archive(CaseRecord record) {
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id", record.id()).execute());
    }

    private static Map<String, String> row(CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", record.id()).mapToMap().one())
                .entrySet().stream().filter(entry -> !(entry.getValue() instanceof byte[])) // the id, an array
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    private static List<String> actions(CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT action FROM audit_events WHERE tenant_id = :t AND target_id = :id ORDER BY occurred_at, id""")
                .bind("t", tenant.id()).bind("id", record.id().toString()).mapTo(String.class).list());
    }

    private static String url(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    @Test
    void every_page_write_to_an_archived_case_file_is_refused_with_409_and_the_row_unchanged() {
        CaseRecord record = create("Pagezyx");
        // The forms as a browser holds them, opened while the case file was active.
        List<Map.Entry<String, String>> full = TestForms.asShown(worker.get(url(record) + "/edit").body());
        Document summary = Jsoup.parse(worker.get(url(record)).body());
        String sectionUrl = summary.select("a.summary-card__action").first().attr("href");
        List<Map.Entry<String, String>> section = TestForms.asShown(worker.get(sectionUrl).body());
        List<Map.Entry<String, String>> followUp = TestForms.asShown(worker.get(url(record) + "/follow-up").body());
        archive(record);
        Map<String, String> before = row(record);

        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("full form", worker.postForm(url(record), full));
        answers.put("section", worker.postForm(sectionUrl, section));
        answers.put("follow-up", worker.postForm(url(record) + "/follow-up",
                TestForms.with(followUp, "resume", "Appel à la personne")));

        answers.forEach((path, answer) -> {
            assertThat(answer.statusCode()).as(path).isEqualTo(409);
            assertThat(answer.body()).as(path).contains("Ce dossier est archivé", "réactiver");
        });
        assertThat(row(record)).isEqualTo(before);
        assertThat(actions(record)).doesNotContain("record.updated");
        // Nor do the pages show a form whose post would be refused.
        for (String form : List.of(url(record) + "/edit", sectionUrl, url(record) + "/follow-up", url(record) + "/merge")) {
            assertThat(worker.get(form).statusCode()).as(form).isEqualTo(409);
        }
    }

    @Test
    void the_page_of_an_archived_case_file_shows_the_banner_offers_no_edit_and_its_opening_is_audited() {
        CaseRecord record = create("Bannierezyx");
        archive(record);

        Document page = Jsoup.parse(worker.get(url(record)).body());

        String banner = page.selectFirst("#archive-banner").text();
        int archivedYear = LocalDateTime.now(Retention.ZONE).minusYears(3).getYear() + RetentionPolicy.DEFAULT.activeYears();
        assertThat(banner).contains("Dossier archivé", "Archivé depuis le 01/01/" + archivedYear,
                "supprimé le 01/01/" + (archivedYear + RetentionPolicy.DEFAULT.keptYears() - 1), "lecture seule");
        assertThat(page.select("a.summary-card__action")).isEmpty();
        assertThat(page.select("a[href$=/edit], a[href$=/erase], a[href$=/follow-up]")).isEmpty();
        // A caseworker may not reactivate: the page does not offer it.
        assertThat(page.select("a[href$=/reactivate]")).isEmpty();
        assertThat(actions(record)).containsExactly("record.created", "record.archive.read");
        assertThat(Jsoup.parse(adminBrowser.get(url(record)).body()).select("a[href$=/reactivate]")).hasSize(1);
    }

    @Test
    void an_admin_reactivates_with_a_reason_on_a_page_without_javascript() {
        CaseRecord record = create("Reactivezyx");
        archive(record);
        String form = adminBrowser.get(url(record) + "/reactivate").body();

        HttpResponse<String> empty = adminBrowser.postForm(url(record) + "/reactivate", TestForms.asShown(form, "form[action$=/reactivate]"));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(empty.body()).select(".error-summary a[href=#archive-reason]")).hasSize(1);
        assertThat(worker.postForm(url(record) + "/reactivate",
                TestForms.with(TestForms.asShown(form, "form[action$=/reactivate]"), "reason", "Retour")).statusCode()).isEqualTo(403);

        HttpResponse<String> done = adminBrowser.postForm(url(record) + "/reactivate",
                TestForms.with(TestForms.asShown(form, "form[action$=/reactivate]"), "reason", "La personne revient après trois ans"));

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(services.archive().standing(tenant.id(), record.id()).phase()).isEqualTo(Retention.Phase.ACTIVE);
        Document page = Jsoup.parse(worker.get(url(record)).body());
        assertThat(page.select("#archive-banner")).isEmpty();
        assertThat(page.select("a.summary-card__action")).isNotEmpty();
        assertThat(actions(record)).contains("record.reactivated");
    }

    @Test
    void an_admin_places_a_hold_the_page_shows_it_and_lifting_it_archives_an_old_case_file() {
        CaseRecord record = create("Gelpagezyx");
        archive(record);
        String holdForm = adminBrowser.get(url(record) + "/hold").body();

        assertThat(adminBrowser.postForm(url(record) + "/hold",
                TestForms.with(TestForms.asShown(holdForm, "form[action$=/hold]"), "reason", "Contentieux prud'homal")).statusCode())
                .isEqualTo(303);

        Document held = Jsoup.parse(worker.get(url(record)).body());
        assertThat(held.selectFirst("#archive-banner").text()).contains("Gel juridique", "Contentieux prud'homal");
        assertThat(held.select("a.summary-card__action")).isNotEmpty();

        String liftForm = adminBrowser.get(url(record) + "/hold/lift").body();
        assertThat(adminBrowser.postForm(url(record) + "/hold/lift",
                TestForms.with(TestForms.asShown(liftForm, "form[action$=/lift]"), "reason", "Contentieux clos")).statusCode()).isEqualTo(303);

        assertThat(Jsoup.parse(worker.get(url(record)).body()).selectFirst("#archive-banner").text())
                .contains("Dossier archivé");
        assertThat(actions(record)).contains("record.hold.placed", "record.hold.lifted");
    }

    @Test
    void the_list_leaves_archived_case_files_out_and_the_archives_search_finds_them_audited() {
        CaseRecord active = create("Listezyx");
        CaseRecord archived = create("Listezyx");
        archive(archived);

        Document list = Jsoup.parse(worker.get("/t/" + tenant.slug() + "/records?q=listezyx").body());
        Document archives = Jsoup.parse(worker.get("/t/" + tenant.slug() + "/records?q=listezyx&archives=1").body());

        assertThat(list.select("a[href*=" + active.id() + "]")).isNotEmpty();
        assertThat(list.select("a[href*=" + archived.id() + "]")).isEmpty();
        assertThat(list.select("a[href$=archives=1]")).isNotEmpty();
        assertThat(archives.select("a[href*=" + archived.id() + "]")).isNotEmpty();
        assertThat(archives.select("a[href*=" + active.id() + "]")).isEmpty();
        assertThat(archives.selectFirst("h1").text()).isEqualTo("Archives");
        assertThat(archives.select("input[type=hidden][name=archives][value=1]")).hasSize(1);
        assertThat(archives.select("a[href*=/follow-up]")).isEmpty();
        assertThat(archives.selectFirst("#archives-notice").text()).contains("lecture seule", "journal d'audit");
        long searches = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = 'record.archive.searched'")
                .bind("t", tenant.id()).mapTo(Long.class).one());
        assertThat(searches).isPositive();
    }

    @Test
    void the_dashboard_and_evictions_figures_count_active_and_held_case_files_only() {
        Tenant reported = TestTenants.withBaseForm(services, "archive-reports");
        List<CaseRecord> evictions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode data = TestRecords.validData("Expulsezyx" + i);
            data.putObject("prevention_expulsions").put("procedure_en_cours", true).put("stade", "audience");
            evictions.add(services.records().create(reported.id(), FormService.CASE_FILE, data, Actor.system("test"),
                    Locale.FRENCH));
        }
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant();
        for (CaseRecord old : evictions.subList(1, 3)) {
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                    .bind("at", threeYearsAgo).bind("t", reported.id()).bind("id", old.id()).execute());
        }
        services.archive().placeHold(reported.id(), evictions.get(2).id(), "Contentieux", Actor.system("test"));

        assertThat(services.reports().openEvictions(reported.id(), false)).extracting(eviction -> eviction.id())
                .containsExactlyInAnyOrder(evictions.get(0).id().toString(), evictions.get(2).id().toString());
        assertThat(services.reports().byStatus(reported.id()).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2);
    }

    @Test
    void the_api_answers_the_phase_audits_an_archived_get_refuses_writes_and_searches_the_archives() {
        CaseRecord archived = create("Apizyx");
        CaseRecord held = create("Apizyx");
        archive(archived);
        archive(held);
        services.archive().placeHold(tenant.id(), held.id(), "Demande du juge", new Actor(admin.email(), "127.0.0.1"));
        TestClient api = TestClient.api(services, admin);
        String path = "/api/v1/tenants/" + tenant.slug() + "/records/";
        Map<String, String> before = row(archived);

        HttpResponse<String> get = api.get(path + archived.id());
        JsonNode heldBody = TestClient.json(api.get(path + held.id()));
        HttpResponse<String> put = api.putJson(path + archived.id(), "{\"version\": 1, \"data\": "
                + TestRecords.validData("Apizyx") + "}");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(get).path("phase").asText()).isEqualTo("archived");
        assertThat(TestClient.json(get).path("deletedOn").asText()).endsWith("-01-01");
        assertThat(heldBody.path("phase").asText()).isEqualTo("active");
        assertThat(heldBody.at("/hold/reason").asText()).isEqualTo("Demande du juge");
        assertThat(put.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(put).toString()).contains("archived");
        assertThat(row(archived)).isEqualTo(before);
        assertThat(actions(archived)).containsExactly("record.created", "record.archive.read");

        JsonNode active = TestClient.json(api.get(path.substring(0, path.length() - 1) + "?q=apizyx"));
        JsonNode archives = TestClient.json(api.get(path.substring(0, path.length() - 1) + "?q=apizyx&archives=true"));
        assertThat(active.path("items")).extracting(item -> item.path("id").asText()).containsExactly(held.id().toString());
        assertThat(archives.path("items")).extracting(item -> item.path("id").asText())
                .containsExactly(archived.id().toString());
        assertThat(api.get(path.substring(0, path.length() - 1) + "?archives=maybe").statusCode()).isEqualTo(400);
    }
}
