package org.dossier.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The services page shows each service's last measured usage, in French and in English. */
@Tag("integration")
class ServicesUsagePageTest {

    private static Element rowOf(Document page, String slug) {
        return page.select("table.records tbody tr").stream()
                .filter(row -> row.select("code").stream().anyMatch(code -> code.text().equals(slug)))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + slug));
    }

    @Test
    void each_service_shows_its_measured_case_files_and_volume_and_a_new_one_says_it_is_not_measured_yet() {
        Services services = TestDatabase.services();
        Tenant measured = TestTenants.withBaseForm(services, "mesure");
        User caseworker = TestUsers.member(services, measured, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        for (String name : new String[] {"Mesure-un", "Mesure-deux"}) {
            services.records().create(measured.id(), FormService.CASE_FILE, TestRecords.validData(name), actor,
                    Locale.FRENCH);
        }
        services.metrics().measureUsage();
        Tenant later = TestTenants.withBaseForm(services, "apres");
        TestClient superAdmin = TestClient.browser(TestUsers.superAdmin(services));

        Document french = Jsoup.parse(superAdmin.get("/admin/services?lang=fr").body());
        Document english = Jsoup.parse(superAdmin.get("/admin/services?lang=en").body());

        assertThat(french.select("table.records thead th").eachText()).contains("Dossiers (mesurés)", "Volume");
        assertThat(rowOf(french, measured.slug()).select("td.usage--count").text()).isEqualTo("2");
        assertThat(rowOf(french, measured.slug()).select("td.usage").last().text())
                .matches("Fichiers : 0 o Base : ≈ [0-9,]+ (o|Ko|Mo)");
        assertThat(rowOf(french, later.slug()).select("td.usage--none").text()).isEqualTo("Pas encore mesuré");
        assertThat(french.select("#usage-note").text()).startsWith("Utilisation mesurée le ");
        assertThat(english.select("table.records thead th").eachText()).contains("Case files (measured)", "Volume");
        assertThat(rowOf(english, measured.slug()).select("td.usage").last().text())
                .matches("Files: 0 B Database: ≈ [0-9.]+ (B|KB|MB)");
        assertThat(rowOf(english, later.slug()).select("td.usage--none").text()).isEqualTo("Not measured yet");
    }
}
