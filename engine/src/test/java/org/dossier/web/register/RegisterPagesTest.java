package org.dossier.web.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.form.FormService;
import org.dossier.register.RegisterForms;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The register page of a service whose form's annotations are known, its history, its downloads,
 * the controller's details, and the platform's register. Version 1 was published in January 2024
 * under an older purpose; version 2 renamed it.
 */
@Tag("integration")
class RegisterPagesTest {
    private static final String OLD_PURPOSE = "Suivi social (ancienne finalité)";
    private static Services services;
    private static Tenant tenant;
    private static User dpo;
    private static User admin;
    private static TestClient dpoBrowser;
    private static TestClient adminBrowser;
    private static String page;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withForm(services, "register", RegisterForms.definition(OLD_PURPOSE));
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE form_versions SET published_at = :at WHERE tenant_id = :tenantId AND version = 1
                        """).bind("at", Instant.parse("2024-01-10T10:00:00Z")).bind("tenantId", tenant.id()).execute());
        services.jdbi().useTransaction(handle -> services.forms().publish(handle, tenant.id(), FormService.CASE_FILE,
                RegisterForms.definition(RegisterForms.CARE), "test"));
        dpo = TestUsers.member(services, tenant, Role.DPO, false);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        dpoBrowser = TestClient.browser(dpo);
        adminBrowser = TestClient.browser(admin);
        page = "/t/" + tenant.slug() + "/admin/register";
    }

    private static Document get(TestClient browser, String url) {
        HttpResponse<String> response = browser.get(url);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    @Test
    void a_data_protection_officer_lands_on_the_register_and_sees_only_what_the_role_opens() {
        HttpResponse<String> home = dpoBrowser.get("/");
        assertThat(home.statusCode()).isEqualTo(303);
        assertThat(home.headers().firstValue("Location")).contains(page);

        Document register = get(dpoBrowser, page);
        String base = "/t/" + tenant.slug();
        assertThat(register.select(".main-nav a").eachAttr("href")).containsExactly(base + "/admin/register",
                base + "/admin/access", base + "/admin/lifecycle", base + "/admin/audit", "/account");
        assertThat(register.select(".site-header__name").attr("href")).isEqualTo(page);
        // No controller form for the officer: the admin or a super-admin fills it in.
        assertThat(register.select("#edit-controller")).isEmpty();
        assertThat(dpoBrowser.get(page + "/controller").statusCode()).isEqualTo(403);
        assertThat(dpoBrowser.get(base + "/records").statusCode()).isEqualTo(403);
    }

    @Test
    void the_register_lists_purposes_bases_categories_special_categories_recipients_and_fields_to_complete() {
        Document register = get(dpoBrowser, page);
        assertThat(register.select(".register-purpose h3").eachText()).containsExactly(RegisterForms.CARE,
                RegisterForms.SMS);
        assertThat(register.select(".register-basis").eachText()).containsExactly(
                "Base légale : Mission d’intérêt public (art. 6.1.e)", "Base légale : Consentement (art. 6.1.a)");
        assertThat(register.select(".register-subjects").first().text())
                .isEqualTo("Personnes concernées : Personnes accompagnées (usagers), Membres du foyer");
        var health = register.select("tr[data-category=" + RegisterForms.HEALTH + "]");
        assertThat(health.select("[data-special]").text()).isEqualTo("Catégorie particulière (art. 9)");
        assertThat(health.select(".register-fields li").eachText()).containsExactly("Santé (confidentiel)");
        assertThat(health.select(".register-recipients li").eachText()).containsExactly(
                "Administrateur, habilités aux champs confidentiels seulement",
                "Travailleur social, habilités aux champs confidentiels seulement",
                "Lecture seule, habilités aux champs confidentiels seulement",
                "Délégué à la protection des données, pour les demandes d’accès et d’effacement");
        var identity = register.select("tr[data-category=" + RegisterForms.IDENTITY + "]").first();
        assertThat(identity.select("[data-special]")).isEmpty();
        assertThat(identity.select(".register-fields li").eachText()).containsExactly("Identité › Nom",
                "Identité › Date de naissance", "Membres du foyer › Nom");
        assertThat(identity.select(".register-recipients li").eachText()).containsExactly("Administrateur",
                "Travailleur social", "Lecture seule",
                "Délégué à la protection des données, pour les demandes d’accès et d’effacement");
        assertThat(register.select("#to-complete li").eachText()).containsExactly("Remarque – à compléter",
                "Identité › Pointure – à compléter");
        assertThat(register.select("#retention-text").text()).contains("2 années civiles", "5 ans");
        assertThat(register.select("#transfers-text").text()).contains("Suisse", "2000/518/CE");
        assertThat(register.select("#measures li").eachText()).anySatisfy(text -> assertThat(text).contains("Argon2id"));
        assertThat(register.select("#controller-missing")).hasSize(1);
        assertThat(register.text()).doesNotContain("Finalité abandonnée");
    }

    @Test
    void in_english_the_labels_and_phrases_are_english() {
        Document register = get(adminBrowser, page + "?lang=en");
        assertThat(register.select("tr[data-category=" + RegisterForms.IDENTITY + "] .register-fields li").eachText())
                .containsExactly("Identity › Last name", "Identity › Birth date", "Household members › Last name");
        assertThat(register.select(".register-basis").first().text()).isEqualTo("Legal basis: Public task (Art. 6(1)(e))");
        assertThat(register.select("#to-complete li").eachText()).containsExactly("Remark – to complete",
                "Identity › Shoe size – to complete");
    }

    @Test
    void each_version_keeps_its_register_and_the_register_can_be_read_as_of_a_date() {
        Document current = get(dpoBrowser, page);
        assertThat(current.select("#register-versions a").eachAttr("href")).containsExactly(page + "?version=2",
                page + "?version=1");

        Document first = get(dpoBrowser, page + "?version=1");
        assertThat(first.select(".register-purpose h3").eachText()).containsExactly(OLD_PURPOSE, RegisterForms.SMS);
        assertThat(first.select("#register-meta").text()).contains("version 1");
        assertThat(get(dpoBrowser, page + "?at=2024-06-30").select(".register-purpose h3").eachText())
                .containsExactly(OLD_PURPOSE, RegisterForms.SMS);
        // Today in the service's time zone, as the register reads the date (UTC is a day behind before midnight in Paris).
        assertThat(get(dpoBrowser, page + "?at=" + java.time.LocalDate.now(org.dossier.retention.Retention.ZONE))
                .select(".register-purpose h3").eachText())
                .containsExactly(RegisterForms.CARE, RegisterForms.SMS);
        assertThat(get(dpoBrowser, page + "?at=2023-12-31").select("#register-notice").text())
                .contains("Aucun formulaire n’était publié le 31/12/2023");
        assertThat(dpoBrowser.get(page + "?at=hier").statusCode()).isEqualTo(400);
        assertThat(dpoBrowser.get(page + "?version=9").statusCode()).isEqualTo(404);
    }

    @Test
    void a_version_published_before_registers_were_kept_gets_its_register_on_first_read_and_keeps_it() {
        String select = "SELECT COUNT(*) FROM register_snapshots WHERE tenant_id = :tenantId AND version = 1";
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "DELETE FROM register_snapshots WHERE tenant_id = :tenantId AND version = 1")
                .bind("tenantId", tenant.id()).execute());
        assertThat(count(select)).isZero();

        Document first = get(dpoBrowser, page + "?version=1");

        assertThat(first.select(".register-purpose h3").eachText()).containsExactly(OLD_PURPOSE, RegisterForms.SMS);
        assertThat(count(select)).isEqualTo(1);
    }

    private static long count(String sql) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).bind("tenantId", tenant.id())
                .mapTo(Long.class).one());
    }

    @Test
    void the_pdf_is_a_pdf_naming_the_service_and_the_json_parses_both_downloads_audited() throws Exception {
        HttpResponse<byte[]> pdf = dpoBrowser.getBytes(page + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(tenant.name(), RegisterForms.CARE, "Catégorie particulière (art. 9)",
                    "Argon2id");
        }

        HttpResponse<String> json = dpoBrowser.get(page + ".json?version=1");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode register = TestClient.json(json);
        assertThat(register.path("serviceName").asText()).isEqualTo(tenant.name());
        assertThat(register.path("formVersion").asInt()).isEqualTo(1);
        assertThat(register.path("purposes").get(0).path("name").asText()).isEqualTo(OLD_PURPOSE);
        assertThat(register.path("purposes").get(0).path("legalBasis").asText()).isEqualTo("public-task");

        HttpResponse<String> api = TestClient.api(services, dpo).get("/api/v1/tenants/" + tenant.slug()
                + "/register?at=2024-06-30");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(api).path("formVersion").asInt()).isEqualTo(1);

        assertThat(TestAudit.events(services, tenant.id().value(), "register.downloaded", dpo.email()))
                .extracting(event -> TestAudit.details(event).get("format")).contains("pdf", "json");
    }

    @Test
    void the_admin_fills_the_controller_details_once_every_problem_shown_together() {
        String form = page + "/controller";
        HttpResponse<String> refused = adminBrowser.postForm(form, List.of(Map.entry("organisation", "CCAS de Test"),
                Map.entry("dpoEmail", "pas-une-adresse"), Map.entry("email", "x".repeat(300))));
        assertThat(refused.statusCode()).isEqualTo(422);
        Document errors = Jsoup.parse(refused.body());
        assertThat(errors.select(".error-summary__list a").eachAttr("href")).containsExactly("#controller-email",
                "#controller-dpoEmail");
        assertThat(errors.select("#controller-organisation").val()).isEqualTo("CCAS de Test");
        assertThat(services.register().controller(tenant.id()).isEmpty()).isTrue();

        HttpResponse<String> saved = adminBrowser.postForm(form, List.of(Map.entry("organisation", "CCAS de Test"),
                Map.entry("address", "1 place de la Mairie, 75001 Paris"), Map.entry("dpoName", "Dominique Délégué"),
                Map.entry("dpoEmail", "dpd@ccas-test.example")));
        assertThat(saved.statusCode()).isEqualTo(303);
        Document register = get(dpoBrowser, page);
        assertThat(register.select("#controller-lines").text()).contains("CCAS de Test", "1 place de la Mairie",
                "Dominique Délégué", "dpd@ccas-test.example");
        assertThat(register.select("#controller-missing")).isEmpty();
        assertThat(TestAudit.events(services, tenant.id().value(), "register.controller.changed", admin.email()))
                .hasSize(1);
    }

    @Test
    void the_super_admin_sees_one_entry_per_service_and_the_platforms_own_processing() {
        TestClient superAdmin = TestClient.browser(TestUsers.superAdmin(services));
        Document platform = get(superAdmin, "/admin/register");
        var row = platform.select("tr[data-service=" + tenant.slug() + "]");
        assertThat(row.select("th").text()).contains(tenant.name());
        assertThat(row.select(".register-fields li").eachText()).containsExactly(
                RegisterForms.CARE + " (Mission d’intérêt public (art. 6.1.e))",
                RegisterForms.SMS + " (Consentement (art. 6.1.a))");
        assertThat(row.select("td.number").text()).isEqualTo("2");
        assertThat(platform.select("[data-processing]").eachAttr("data-processing")).containsExactly("accounts",
                "audit", "statistics");

        Tenant other = TestTenants.withBaseForm(services, "register-other");
        HttpResponse<String> saved = superAdmin.postForm("/admin/register/" + other.slug() + "/controller",
                List.of(Map.entry("dpoEmail", "dpd@autre.example")));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(services.register().controller(other.id()).dpoEmail()).isEqualTo("dpd@autre.example");
        assertThat(services.register().controller(tenant.id()).dpoEmail()).isNotEqualTo("dpd@autre.example");
    }

    @Test
    void the_designer_warns_of_a_custom_field_without_purpose_and_publishing_stays_open() {
        Tenant designed = TestTenants.withBaseForm(services, "register-designer");
        TestClient designer = TestClient.browser(TestUsers.member(services, designed, Role.ADMIN, true));
        String base = "/t/" + designed.slug() + "/admin/form";
        String register = "/t/" + designed.slug() + "/admin/register";
        assertThat(get(designer, base).select("#register-warning")).isEmpty();
        assertThat(get(designer, register).select("#to-complete")).isEmpty();

        assertThat(designer.postForm(base + "/custom-fields", List.of(Map.entry("key", "canal"),
                Map.entry("type", "text"), Map.entry("section", "accompagnement"), Map.entry("labelFr", "Canal"))))
                .extracting(HttpResponse::statusCode).isEqualTo(303);
        Document page = get(designer, base);
        assertThat(page.select("#register-warning").text()).contains("un champ n’a ni finalité ni base légale",
                "Accompagnement › Canal");
        assertThat(page.select("#cf-purpose-hint").text()).contains("registre des traitements");

        assertThat(designer.postForm(base + "/publish", List.of()).statusCode()).isEqualTo(303);
        assertThat(get(designer, register).select("#to-complete li").eachText())
                .containsExactly("Accompagnement › Canal – à compléter");
    }
}
