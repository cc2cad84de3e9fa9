package org.dossier.web.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.retention.RetentionSettings;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
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
 * The super-admin's retention setting over HTTP: the page from the services list, a confirmation
 * that counts what the next pass would do before anything is saved, the save audited with the old
 * and new values, refusals (bounds, a change made meanwhile) answered with nothing changed, and
 * the service's own lifecycle page showing its durations.
 */
@Tag("integration")
class RetentionSettingPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Services services;
    private Tenant tenant;
    private User superUser;
    private TestClient superAdmin;
    private TestClient admin;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "retention-setting");
        superUser = TestUsers.superAdmin(services);
        superAdmin = TestClient.browser(superUser);
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
    }

    private String page() {
        return "/admin/services/" + tenant.slug() + "/retention";
    }

    private CaseRecord lastActive(String lastName, int yearsAgo) {
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
        Instant at = LocalDateTime.now(Retention.ZONE).minusYears(yearsAgo).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", at).bind("t", tenant.id()).bind("id", record.id()).execute());
        return record;
    }

    private RetentionPolicy stored() {
        return services.jdbi().withHandle(handle -> org.dossier.retention.RetentionPolicies.of(handle, tenant.id()));
    }

    private List<AuditEvent> platformEvents() {
        return TestAudit.events(services, 0, RetentionSettings.CHANGED, superUser.email()).stream()
                .filter(event -> event.targetId().equals(tenant.id().toString())).toList();
    }

    private static List<Map.Entry<String, String>> values(String active, String kept) {
        return List.of(Map.entry("active", active), Map.entry("kept", kept));
    }

    @Test
    void the_services_list_links_each_service_to_its_retention_page_which_shows_the_current_setting() {
        Document list = Jsoup.parse(superAdmin.get("/admin/services").body());
        assertThat(list.select("a[href=" + page() + "]")).hasSize(1);

        HttpResponse<String> answer = superAdmin.get(page());
        assertThat(answer.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(answer.body());
        assertThat(doc.selectFirst("#current-active").text()).isEqualTo("2 ans");
        assertThat(doc.selectFirst("#current-kept").text()).isEqualTo("5 ans");
        assertThat(doc.selectFirst("#retention-active").val()).isEqualTo("2");
        assertThat(doc.selectFirst("#retention-kept").val()).isEqualTo("5");
        assertThat(doc.text()).contains("Durées par défaut de la plateforme", "30", "minimisation");

        Document english = Jsoup.parse(superAdmin.get(page() + "?lang=en").body());
        assertThat(english.selectFirst("#current-active").text()).isEqualTo("2 years");
        assertThat(english.text()).contains("Bounds and why");
    }

    @Test
    void a_change_is_confirmed_with_what_the_next_pass_would_do_then_saved_and_audited() {
        lastActive("Actifzyv", 0);
        lastActive("Deuxanszyv", 2);
        lastActive("Quatreanszyv", 4);
        lastActive("Septanszyv", 7);

        // Shorter: one active year, kept to N-3.
        HttpResponse<String> confirmation = superAdmin.postForm(page(), values("1", "3"));
        assertThat(confirmation.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(confirmation.body());
        assertThat(doc.select("#retention-preview")).hasSize(1);
        // Current: archived 2 (N-2, N-4), deleted 1 (N-7). New: archived 1 (N-2), deleted 2 (N-4, N-7).
        assertThat(doc.select("#retention-plan tbody tr").eachText()).containsExactly(
                "Archivés 2 1", "Supprimés au prochain passage 1 2", "Gelés 0 0");
        assertThat(doc.selectFirst("#retention-more-deleted").text()).startsWith("1 dossier de plus serait supprimé");
        assertThat(stored()).as("nothing saved before the confirmation").isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(platformEvents()).isEmpty();

        HttpResponse<String> saved = superAdmin.postForm(page(), TestForms.asShown(confirmation.body(),
                "#retention-preview form"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains(page() + "?changed=1");
        assertThat(stored()).isEqualTo(new RetentionPolicy(1, 3));
        assertThat(services.tenants().require(tenant.slug()).retention()).isEqualTo(new RetentionPolicy(1, 3));

        List<AuditEvent> events = platformEvents();
        assertThat(events).hasSize(1);
        JsonNode details = read(events.get(0));
        assertThat(details.path("from").path("activeYears").asInt()).isEqualTo(2);
        assertThat(details.path("from").path("keptYears").asInt()).isEqualTo(5);
        assertThat(details.path("to").path("activeYears").asInt()).isEqualTo(1);
        assertThat(details.path("to").path("keptYears").asInt()).isEqualTo(3);
        assertThat(TestAudit.events(services, tenant.id().value(), RetentionSettings.CHANGED, superUser.email()))
                .as("in the service's own log too").hasSize(1);

        Document after = Jsoup.parse(superAdmin.get(page() + "?changed=1").body());
        assertThat(after.selectFirst("#retention-notice").text()).contains(tenant.name());
        assertThat(after.selectFirst("#current-active").text()).isEqualTo("1 an");
        assertThat(after.text()).contains("Durées propres à ce service");

        // The service's admin reads the durations on the lifecycle page, set by the platform.
        Document lifecycle = Jsoup.parse(admin.get("/t/" + tenant.slug() + "/admin/lifecycle").body());
        int year = LocalDateTime.now(Retention.ZONE).getYear();
        assertThat(lifecycle.selectFirst("#retention-durations").text()).contains("fixées par la plateforme",
                "1 année civile", "N+3", "propres à ce service", "date de " + year + ", archivé",
                "de " + (year - 3) + " à " + (year - 1));
        assertThat(lifecycle.selectFirst("#count-archived").text()).isEqualTo("1");
        assertThat(lifecycle.selectFirst("#count-due").text()).isEqualTo("2");

        // The platform statistics name the service and the years its own policy counts.
        Document statistics = Jsoup.parse(superAdmin.get("/admin/stats").body());
        assertThat(statistics.select(".stats__note").eachText()).contains(tenant.name()
                + " suit sa propre durée de conservation : actifs en " + year + ", archivés de "
                + (year - 3) + " à " + (year - 1) + ".");
    }

    @Test
    void values_out_of_bounds_are_refused_with_a_localised_422_and_nothing_changes() {
        for (List<Map.Entry<String, String>> refused : List.of(values("6", "10"), values("0", "5"), values("3", "2"),
                values("2", "31"), values("deux", "5"), values("", ""))) {
            HttpResponse<String> answer = superAdmin.postForm(page(), refused);
            assertThat(answer.statusCode()).as("%s", refused).isEqualTo(422);
            Document doc = Jsoup.parse(answer.body());
            assertThat(doc.select(".error-summary a")).as("%s", refused).isNotEmpty();
            assertThat(doc.select("#retention-preview")).isEmpty();
        }
        // Even a forged confirmation out of bounds.
        List<Map.Entry<String, String>> forged = List.of(Map.entry("active", "9"), Map.entry("kept", "40"),
                Map.entry("fromActive", "2"), Map.entry("fromKept", "5"), Map.entry("confirm", "yes"));
        Document doc = Jsoup.parse(superAdmin.postForm(page(), forged).body());
        assertThat(doc.selectFirst("#retention-active-error").text())
                .contains("années actives, de 1 à 5");
        assertThat(doc.selectFirst("#retention-kept-error").text()).contains("de 1 à 30");
        Document english = Jsoup.parse(superAdmin.postForm(page() + "?lang=en", values("2", "1")).body());
        assertThat(english.selectFirst("#retention-kept-error").text())
                .isEqualTo("Error: Enter a whole number of years kept, 2 to 30.");

        assertThat(stored()).isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(platformEvents()).isEmpty();
    }

    @Test
    void a_confirmation_made_on_a_setting_changed_meanwhile_is_refused_with_409_and_shown_again() {
        HttpResponse<String> confirmation = superAdmin.postForm(page(), values("3", "10"));
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE tenants SET retention_active_years = 4, retention_kept_years = 20 WHERE id = :tenantId""")
                .bind("tenantId", tenant.id()).execute());

        HttpResponse<String> refused = superAdmin.postForm(page(), TestForms.asShown(confirmation.body(),
                "#retention-preview form"));

        assertThat(refused.statusCode()).isEqualTo(409);
        Document doc = Jsoup.parse(refused.body());
        assertThat(doc.selectFirst("#retention-problem").text()).contains("a changé entre-temps");
        assertThat(doc.select("#retention-preview input[name=fromActive]").val()).isEqualTo("4");
        assertThat(stored()).isEqualTo(new RetentionPolicy(4, 20));
        assertThat(platformEvents()).isEmpty();
    }

    @Test
    void a_service_admin_cannot_open_the_setting() {
        assertThat(admin.get(page()).statusCode()).isEqualTo(403);
        assertThat(admin.postForm(page(), List.of(Map.entry("active", "1"), Map.entry("kept", "1"),
                Map.entry("fromActive", "2"), Map.entry("fromKept", "5"), Map.entry("confirm", "yes"))).statusCode())
                .isEqualTo(403);
        assertThat(stored()).isEqualTo(RetentionPolicy.DEFAULT);
    }

    private static JsonNode read(AuditEvent event) {
        try {
            return JSON.readTree(event.details());
        } catch (Exception e) {
            throw new AssertionError("details of " + event + " are not JSON", e);
        }
    }
}
