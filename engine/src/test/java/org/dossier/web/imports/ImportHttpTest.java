package org.dossier.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.imports.RecordImports;
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

/** The import pages and API through the real app: upload, mapping, dry-run report, errors file, import. */
@Tag("integration")
class ImportHttpTest {
    private static final String FILE = "\uFEFFref;Nom;Prénom;accompagnement/statut;Date d'ouverture;Commentaire\r\n"
            + "R1;Berger;Hélène;en_cours;14/03/2025;x\r\n"
            + "R2;;Paul;en_cours;14/03/2025;y\r\n"
            + "R3;=Durand;Zoé;inconnu;2025-01-01;z\r\n";
    private static Services services;
    private static Tenant tenant;
    private static User admin;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "import-http");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
    }

    private static String base() {
        return "/t/" + tenant.slug() + "/admin/imports";
    }

    @Test
    void an_admin_uploads_maps_dry_runs_reads_the_report_and_imports() {
        TestClient browser = TestClient.browser(admin);
        HttpResponse<String> uploaded = browser.postMultipart(base(), List.of(), "file", "dossiers.csv", "text/csv",
                FILE.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        String runPath = uploaded.headers().firstValue("Location").orElseThrow();
        long runId = Long.parseLong(runPath.substring(runPath.lastIndexOf('/') + 1));

        Document mapping = Jsoup.parse(browser.get(runPath).body());
        // Headings matched by label (Nom, Prénom, Date d'ouverture) and by key; an unknown one ignored.
        assertThat(mapping.select("select#column-1 option[selected]").attr("value")).isEqualTo("identite/nom");
        assertThat(mapping.select("select#column-2 option[selected]").attr("value")).isEqualTo("identite/prenom");
        assertThat(mapping.select("select#column-4 option[selected]").attr("value")).isEqualTo("accompagnement/date_ouverture");
        assertThat(mapping.select("select#column-5 option[selected]").attr("value")).isEmpty();
        assertThat(mapping.select("label[for=column-0]").text()).isEqualTo("ref");

        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (org.jsoup.nodes.Element select : mapping.select("table select")) {
            form.add(Map.entry(select.attr("name"), select.select("option[selected]").attr("value")));
        }
        form.add(Map.entry("externalId", "0"));
        form.add(Map.entry("existing", "skip"));
        form.add(Map.entry("mode", "dry"));
        assertThat(browser.postForm(runPath, form).statusCode()).isEqualTo(303);
        assertThat(Jsoup.parse(browser.get(runPath).body()).select("meta[http-equiv=refresh]")).hasSize(1);
        services.imports().execute(tenant.id(), runId, RecordImports.Progress.NONE); // the node's scheduler's part

        Document report = Jsoup.parse(browser.get(runPath).body());
        assertThat(report.select("meta[http-equiv=refresh]")).isEmpty();
        assertThat(report.select(".import-totals dd").eachText()).containsExactly("3", "1", "2", "1", "0");
        assertThat(report.select("#report ~ div table tbody tr td:first-child").eachText()).containsExactly("3", "4");
        assertThat(TestRecords.storedCount(services, tenant)).isZero();
        HttpResponse<byte[]> errors = browser.getBytes(runPath + "/errors.csv");
        assertThat(errors.statusCode()).isEqualTo(200);
        String csv = new String(errors.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFLigne;Champ;Valeur;Message").contains("3;identite/nom;;")
                .contains("4;accompagnement/statut;inconnu;");

        form.set(form.size() - 1, Map.entry("mode", "import"));
        assertThat(browser.postForm(runPath, form).statusCode()).isEqualTo(303);
        services.imports().execute(tenant.id(), runId, RecordImports.Progress.NONE);
        Document done = Jsoup.parse(browser.get(runPath + "?lang=en").body());
        assertThat(done.text()).contains("import finished", "The 1 case files written were read back");
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(1);
    }

    @Test
    void a_caseworker_may_not_import() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        assertThat(TestClient.browser(caseworker).get(base()).statusCode()).isEqualTo(403);
        assertThat(TestClient.api(services, caseworker).postBytes("/api/v1/tenants/" + tenant.slug()
                + "/records/imports?fileName=a.csv", FILE.getBytes(StandardCharsets.UTF_8), "text/csv").statusCode())
                .isEqualTo(403);
    }

    @Test
    void the_api_dry_run_reports_and_stores_nothing_and_another_service_s_run_is_404() {
        Tenant other = TestTenants.withBaseForm(services, "import-api");
        User otherAdmin = TestUsers.member(services, other, Role.ADMIN, true);
        TestClient api = TestClient.api(services, otherAdmin);

        HttpResponse<String> response = api.postBytes("/api/v1/tenants/" + other.slug()
                + "/records/imports?fileName=a.csv&externalId=ref", FILE.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = TestClient.json(response);
        assertThat(body.path("status").asText()).isEqualTo("checked");
        assertThat(body.at("/totals/rows").asInt()).isEqualTo(3);
        assertThat(body.at("/totals/invalid").asInt()).isEqualTo(2);
        assertThat(body.at("/errors/0/row").asInt()).isEqualTo(3);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("identite/nom");
        assertThat(TestRecords.storedCount(services, other)).isZero();
        long runId = body.path("id").asLong();
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/records/imports/" + runId).statusCode()).isEqualTo(200);
        assertThat(TestClient.api(services, admin).get("/api/v1/tenants/" + tenant.slug() + "/records/imports/" + runId)
                .statusCode()).isEqualTo(404);
        assertThat(TestClient.browser(admin).get(base() + "/" + runId).statusCode()).isEqualTo(404);
    }

    @Test
    void a_file_of_another_format_gets_a_clear_error_and_nothing_is_kept() {
        HttpResponse<String> response = TestClient.browser(admin).postMultipart(base(), List.of(), "file", "notes.pdf",
                "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(response.body()).select(".error-summary").text()).contains(".csv, .xlsx ou .jsonl");
    }
}
