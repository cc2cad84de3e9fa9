package org.dossier.web.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.Tenant;
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
 * The data lifecycle pages over HTTP, on case files whose last activity the test sets in SQL
 * years back (so that the phases do not depend on the day the test runs): the service admin's
 * counts, due list, holds and runs (its own counts only); a caseworker refused; another service's
 * admin shown none of it; the super-admin's runs and plan.
 */
@Tag("integration")
class RetentionPagesTest {
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;
    private static TestClient admin;
    private static TestClient worker;
    private static TestClient otherAdmin;
    private static TestClient superAdmin;
    private static CaseRecord due;
    private static CaseRecord held;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "lifecycle-pages");
        other = TestTenants.withBaseForm(services, "lifecycle-other");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        worker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        otherAdmin = TestClient.browser(TestUsers.member(services, other, Role.ADMIN, true));
        superAdmin = TestClient.browser(TestUsers.superAdmin(services));

        create(tenant, "Actifzyq");
        create(tenant, "Actifbzyq");
        lastActive(create(tenant, "Archivezyq"), 3);
        due = create(tenant, "Supprimezyq");
        lastActive(due, 10);
        held = create(tenant, "Gelezyq");
        lastActive(held, 10);
        services.archive().placeHold(tenant.id(), held.id(), "Contentieux en cours", Actor.system("juriste"));
        lastActive(create(other, "Autrezyq"), 10);

        String counts = "[{\"tenantId\":" + tenant.id().value() + ",\"slug\":\"" + tenant.slug()
                + "\",\"archived\":7,\"deleted\":3,\"held\":1},{\"tenantId\":" + other.id().value() + ",\"slug\":\""
                + other.slug() + "\",\"archived\":500,\"deleted\":400,\"held\":0}]";
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO lifecycle_runs (id, run_by, started_at, finished_at, outcome, counts)
                        VALUES (:id, 'test', :started, :finished, 'finished', :counts)""")
                .bind("id", UUID.randomUUID().toString())
                // Later than any pass another test runs (the pass tests set their clock in 2031): the newest row.
                .bind("started", Instant.parse("2037-01-01T10:00:00Z"))
                .bind("finished", Instant.parse("2037-01-01T10:01:00Z"))
                .bind("counts", counts).execute());
    }

    private static CaseRecord create(Tenant in, String lastName) {
        return services.records().create(in.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
    }

    private static void lastActive(CaseRecord record, int yearsAgo) {
        Instant at = LocalDateTime.now(Retention.ZONE).minusYears(yearsAgo).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", at).bind("t", record.tenantId()).bind("id", record.id()).execute());
    }

    private static String page() {
        return "/t/" + tenant.slug() + "/admin/lifecycle";
    }

    @Test
    void the_admin_sees_the_counts_per_phase_the_due_case_files_the_holds_and_the_services_runs() {
        var answer = admin.get(page());
        assertThat(answer.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(answer.body());

        assertThat(doc.selectFirst("#count-active").text()).isEqualTo("2");
        assertThat(doc.selectFirst("#count-archived").text()).isEqualTo("1");
        assertThat(doc.selectFirst("#count-held").text()).isEqualTo("1");
        assertThat(doc.selectFirst("#count-due").text()).isEqualTo("1");

        // Only the unheld due case file is listed, linked to its page, with its due date.
        var dueRows = doc.select("#due-list tbody tr");
        assertThat(dueRows).hasSize(1);
        assertThat(dueRows.first().selectFirst("a").text()).startsWith("Supprimezyq");
        assertThat(dueRows.first().selectFirst("a").attr("href"))
                .isEqualTo("/t/" + tenant.slug() + "/records/" + due.id());
        int dueYear = LocalDateTime.now(Retention.ZONE).minusYears(10).getYear() + RetentionPolicy.DEFAULT.keptYears() + 1;
        assertThat(dueRows.first().text()).contains("01/01/" + dueYear);
        assertThat(doc.select("#due-more")).isEmpty();

        var holdRows = doc.select("#holds-list tbody tr");
        assertThat(holdRows).hasSize(1);
        assertThat(holdRows.first().text()).contains("Gelezyq", "Contentieux en cours", "juriste");
        assertThat(holdRows.first().selectFirst("a").attr("href"))
                .isEqualTo("/t/" + tenant.slug() + "/records/" + held.id());

        // The run shows this service's counts, not the other service's.
        var run = doc.select("#runs-list tbody tr").first();
        assertThat(run.text()).contains("Terminé");
        assertThat(run.select("td.num").eachText()).containsExactly("7", "3", "1", "0");
        assertThat(answer.body()).doesNotContain("Autrezyq", other.slug());
        // The other service's 500 deletions in no cell (a random case-file id may hold "500" in its links).
        assertThat(doc.select("td").eachText()).doesNotContain("500");
        // Linked from the service's admin navigation.
        assertThat(doc.select("nav.main-nav a[href=" + page() + "]")).hasSize(1);
    }

    @Test
    void a_caseworker_is_refused_and_does_not_see_the_link() {
        assertThat(worker.get(page()).statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(worker.get("/t/" + tenant.slug() + "/records").body())
                .select("a[href=" + page() + "]")).isEmpty();
    }

    @Test
    void another_services_admin_sees_none_of_it() {
        var answer = otherAdmin.get(page());
        assertThat(answer.statusCode()).isIn(403, 404);
        assertThat(answer.body()).doesNotContain("Supprimezyq", "Gelezyq", "Contentieux");
        String own = otherAdmin.get("/t/" + other.slug() + "/admin/lifecycle").body();
        assertThat(own).contains("Autrezyq").doesNotContain("Supprimezyq", "Gelezyq", "Contentieux", "Archivezyq");
        assertThat(Jsoup.parse(own).select("#runs-list tbody tr").first().select("td.num").eachText())
                .containsExactly("500", "400", "0", "0");
    }

    @Test
    void the_super_admin_sees_every_services_runs_and_the_next_plan() {
        assertThat(admin.get("/admin/lifecycle").statusCode()).isEqualTo(403);
        var answer = superAdmin.get("/admin/lifecycle");
        assertThat(answer.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(answer.body());
        // The run summed over services: 7 + 500 archived, 3 + 400 deleted.
        assertThat(doc.select("#runs-list tbody tr").first().select("td.num").eachText())
                .containsExactly("507", "403", "1", "0");
        var planRow = doc.select("#plan-list tbody tr").stream()
                .filter(row -> row.selectFirst("th").text().equals(tenant.slug())).findFirst().orElseThrow();
        // Archived: the 3-year-old one; to delete: the unheld 10-year-old one; held: the other.
        assertThat(planRow.select("td.num").eachText()).containsExactly("1", "1", "1");
    }

    @Test
    void the_english_page_is_translated() {
        String body = admin.get(page() + "?lang=en").body();
        assertThat(body).contains("Case file lifecycle", "Legal holds");
    }
}
