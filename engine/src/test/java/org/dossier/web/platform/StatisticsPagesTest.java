package org.dossier.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The statistics page and its CSV files, for a super-admin, on three services seeded here among
 * those other test classes left in the shared database. Figures of other services are unknown to
 * this class, so across services it checks that each cell is the true count or withheld.
 *
 * <p>Big (base form): 40 active case files, 6 archived, 6 users. Small: 12 active, 3 users.
 * Tiny, named like a spreadsheet formula: 3 active case files, 1 user.
 */
@Tag("integration")
class StatisticsPagesTest {
    private static final String NAME_MARK = "Pagezqx";
    private static Services services;
    private static Tenant big;
    private static Tenant small;
    private static Tenant tiny;
    private static User superAdmin;
    private static TestClient browser;
    private static List<String> memberEmails = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        big = TestTenants.withBaseForm(services, "statspage-big");
        small = TestTenants.withBaseForm(services, "statspage-small");
        tiny = TestTenants.withBaseForm(services, "statspage-tiny");
        tiny = services.tenants().updateBranding(tiny.id(), "=HYPERLINK(\"http://evil.example\";\"Tiny\") " + tiny.slug(),
                "#1e3a8a");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant threeYearsAgo = now.atZone(Retention.ZONE).minusYears(3).toInstant();
        seed(big, 25, "locataire_parc_social", now);
        seed(big, 15, "locataire_parc_prive", now);
        seed(big, 6, "proprietaire", threeYearsAgo);
        seed(small, 8, "sans_domicile", now);
        seed(small, 4, "heberge_tiers", now);
        seed(tiny, 3, "sans_domicile", now);
        for (int i = 0; i < 6; i++) {
            memberEmails.add(TestUsers.member(services, big, Role.CASEWORKER, true).email());
        }
        for (int i = 0; i < 3; i++) {
            memberEmails.add(TestUsers.member(services, small, Role.CASEWORKER, true).email());
        }
        memberEmails.add(TestUsers.member(services, tiny, Role.ADMIN, true).email());
        superAdmin = TestUsers.superAdmin(services);
        browser = TestClient.browser(superAdmin);
    }

    private static void seed(Tenant tenant, int count, String housing, Instant at) {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < count; i++) {
                ObjectNode data = TestRecords.validData(NAME_MARK + tenant.id().value() + "x" + i);
                data.putObject("logement_ressources").put("type_logement", housing);
                JsonNode clean = services.records().validated(form, data, Locale.FRENCH);
                services.records().insertValidated(handle, tenant.id(), form, clean, Actor.system("test"), at);
            }
        });
    }

    @Test
    void a_super_admin_sees_each_service_with_true_counts_and_small_ones_withheld() {
        HttpResponse<String> page = browser.get("/admin/stats");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 class=\"page-title\">Statistiques de la plateforme</h1>")
                .contains("<caption id=\"services-caption\">Dossiers et utilisateurs par service</caption>")
                .contains("<th scope=\"col\" class=\"num\">Dossiers actifs</th>")
                .contains("href=\"/admin/stats/services.csv\"");
        Map<String, List<String>> table = rows(page.body(), "services");
        // Active, archived, total, active users, last activity.
        assertShownOrWithheld(table.get(big.name()), "40", "6", "46", "6");
        assertShownOrWithheld(table.get(small.name()), "12", "0", "12", "< 5");
        assertThat(table.get(escape(tiny.name()))).startsWith("< 5", "0", "< 5", "< 5");
        assertThat(table.get(big.name()).get(3)).as("users are never needed to protect case files").isEqualTo("6");
        String today = LocalDate.now(Retention.ZONE).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(table.get(big.name()).get(4)).isEqualTo(today);
        assertThat(table.get("Tous les services")).hasSize(5);
        // Each service's active case files by its own retention policy (other tests leave services with theirs).
        long allActive = services.tenants().listAll().stream().filter(service -> !service.template())
                .mapToLong(service -> services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM records r
                         WHERE r.tenant_id = :tenantId AND r.form_key = 'dossier'
                           AND (r.last_activity_at >= :since OR EXISTS (SELECT 1 FROM record_holds h
                                 WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id))
                        """).bind("tenantId", service.id())
                        .bind("since", Retention.on(LocalDate.now(Retention.ZONE), service.retention()).activeSince())
                        .mapTo(Long.class).one()))
                .sum();
        assertThat(table.get("Tous les services").get(0)).isIn(format(allActive), "< 5");

        Map<String, List<String>> months = rows(page.body(), "months");
        assertThat(months.get(escape(tiny.name()))).endsWith("< 5", "< 5").contains("0");
        assertThat(months.get(big.name()).get(11)).isIn("40", "< 5");
        assertThat(page.body()).contains("id=\"breakdown-logement_ressources-type_logement\"")
                .contains("<th scope=\"row\">Locataire du parc social</th>");
    }

    @Test
    void the_page_and_the_files_hold_no_person_and_no_account() {
        List<String> answers = new ArrayList<>(List.of(browser.get("/admin/stats").body(), browser.get("/admin/stats?lang=en").body()));
        for (String file : List.of("services", "months", "breakdowns")) {
            answers.add(browser.get("/admin/stats/" + file + ".csv").body());
        }

        for (String answer : answers) {
            assertThat(answer).doesNotContain(NAME_MARK).doesNotContain("Hélène").doesNotContain("1984-02-29")
                    .doesNotContain("29/02/1984");
            memberEmails.forEach(email -> assertThat(answer).doesNotContain(email));
        }
    }

    @Test
    void the_services_file_is_the_page_table_for_excel_in_french_and_neutralises_formulas() {
        Map<String, List<String>> page = rows(browser.get("/admin/stats").body(), "services");

        HttpResponse<String> file = browser.get("/admin/stats/services.csv");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"statistiques-services-" + LocalDate.now(Retention.ZONE) + ".csv\"");
        assertThat(file.body()).startsWith("\uFEFFService;Dossiers actifs;Dossiers archivés;Total des dossiers;"
                + "Utilisateurs actifs;Dernière activité\r\n");
        List<String> lines = List.of(file.body().substring(1).split("\r\n"));
        String bigLine = lines.stream().filter(line -> line.startsWith(big.name() + ";")).findFirst().orElseThrow();
        List<String> onPage = page.get(big.name());
        assertThat(bigLine).isEqualTo(String.join(";", big.name(), onPage.get(0), onPage.get(1), onPage.get(2),
                onPage.get(3), LocalDate.now(Retention.ZONE).toString()));
        // The tiny service's name starts with "=" and holds ";" and quotes: neutralised, then quoted.
        assertThat(lines).contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Tiny\"\") " + tiny.slug() + "\";< 5;0;< 5;< 5;"
                + LocalDate.now(Retention.ZONE));
        assertThat(lines).noneMatch(line -> line.startsWith("=") || line.startsWith("\"="));
    }

    @Test
    void the_months_and_breakdowns_files_have_their_headings_and_english_ones_with_lang_en() {
        HttpResponse<String> months = browser.get("/admin/stats/months.csv");
        HttpResponse<String> breakdowns = browser.get("/admin/stats/breakdowns.csv?lang=en");

        String firstMonth = java.time.YearMonth.now(Retention.ZONE).minusMonths(11).toString();
        assertThat(months.body()).startsWith("\uFEFFService;" + firstMonth + ";");
        assertThat(months.body().lines().filter(line -> line.startsWith("\"'=HYPERLINK("))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(";< 5;< 5"));
        assertThat(months.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("statistiques-nouveaux-dossiers-");
        assertThat(breakdowns.body()).startsWith("\uFEFFField;Answer;Case files;Services compared;Services not compared\r\n")
                .contains("Type of housing;Social housing tenant;");
        assertThat(breakdowns.headers().firstValue("Content-Disposition").orElseThrow()).contains("statistics-breakdowns-");
    }

    @Test
    void each_export_is_audited_on_the_platform_log_and_a_page_view_is_not() {
        int before = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "statistics.exported", superAdmin.email()).size();

        browser.get("/admin/stats");
        browser.get("/admin/stats/breakdowns.csv");

        List<AuditEvent> events = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "statistics.exported", superAdmin.email());
        assertThat(events).hasSize(before + 1);
        AuditEvent last = events.get(events.size() - 1);
        assertThat(last.targetType()).isEqualTo("statistics");
        assertThat(last.targetId()).isEqualTo("breakdowns");
        assertThat(TestAudit.details(last)).containsEntry("table", "breakdowns").containsEntry("language", "fr");
    }

    @Test
    void only_super_admins_get_the_page_the_files_and_the_menu_link() {
        assertThat(browser.get("/admin/services").body()).contains("href=\"/admin/stats\">Statistiques</a>");
        // Members of a service of their own, so that the users counted above stay as seeded.
        Tenant theirs = TestTenants.withBaseForm(services, "statspage-members");
        for (Role role : Role.values()) {
            TestClient member = TestClient.browser(TestUsers.member(services, theirs, role, true));
            for (String path : List.of("/admin/stats", "/admin/stats/services.csv", "/admin/stats/months.csv",
                    "/admin/stats/breakdowns.csv")) {
                HttpResponse<String> refused = member.get(path);
                assertThat(refused.statusCode()).as(role + " " + path).isEqualTo(403);
                assertThat(refused.body()).doesNotContain(small.name()).doesNotContain("Dossiers actifs");
            }
            assertThat(member.get("/t/" + theirs.slug() + "/records").body()).doesNotContain("/admin/stats");
        }
        assertThat(TestClient.anonymous().get("/admin/stats/services.csv").statusCode()).isEqualTo(303);
        assertThat(TestClient.anonymous().get("/admin/stats").headers().firstValue("Location"))
                .hasValue("/login?next=%2Fadmin%2Fstats");
    }

    // ---- reading the page ---------------------------------------------------------------------------

    private static final Pattern ROW = Pattern.compile("<tr[^>]*>\\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    /** The rows of one table of the page, by their heading (as escaped in the HTML), each with its cells' text. */
    private static Map<String, List<String>> rows(String html, String tableId) {
        int start = html.indexOf("<table class=\"stats\" id=\"" + tableId + "\">");
        assertThat(start).as("table %s", tableId).isNotNegative();
        String table = html.substring(start, html.indexOf("</table>", start));
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&lt;", "<").replace('\u202f', ' ').replace('\u00a0', ' '));
            }
            rows.put(row.group(1), cells);
        }
        return rows;
    }

    private static void assertShownOrWithheld(List<String> cells, String... truth) {
        for (int i = 0; i < truth.length; i++) {
            assertThat(cells.get(i)).as("column %d", i).isIn(truth[i], "< 5");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String format(long count) {
        return java.text.NumberFormat.getIntegerInstance(Locale.FRENCH).format(count).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
