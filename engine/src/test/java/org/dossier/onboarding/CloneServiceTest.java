package org.dossier.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.dossier.branding.Logo;
import org.dossier.branding.LogoTest;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Onboarding a service by cloning another, from the services page, the command line and the API. */
@Tag("integration")
class CloneServiceTest {
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private Services services;
    private Tenant source;
    private TestClient superAdmin;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        source = TestTenants.withBaseForm(services, "source");
        ObjectNode customisation = services.mapper().createObjectNode();
        customisation.putObject("fields").putObject("accompagnement.antenne").put("hidden", true);
        customisation.putObject("modules").put("prevention-expulsions", false);
        customisation.putArray("customFields").addObject().put("key", "numero_allocataire").put("type", "text")
                .put("section", "identite").putObject("label").put("fr", "Numéro allocataire");
        services.designer().saveDraft(source.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
        services.designer().publish(source.id(), FormService.CASE_FILE, Actor.system("test"));
        services.logos().save(source.id(), Logo.check(LogoTest.image("png", 64, 32)), "test");
        services.tenants().logoChanged(source.id(), true);
        services.records().create(source.id(), FormService.CASE_FILE, org.dossier.testing.TestRecords.validData("Source"),
                Actor.system("test"), Locale.FRENCH);
        TestUsers.member(services, source, Role.CASEWORKER, true);
        superAdmin = TestClient.browser(TestUsers.superAdmin(services));
    }

    private static String slug(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);
    }

    private long count(String sql, Tenant tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).bind("t", tenant.id()).mapTo(Long.class).one());
    }

    /** The new admin signs in, changes the one-time password if there is one, opens the form and saves a case file. */
    private void newAdminSavesACaseFile(String email, String password, Tenant clone) {
        TestClient admin = TestClient.signIn(email, password);
        if (admin.get("/t/" + clone.slug() + "/records").statusCode() == 303) {
            assertThat(admin.postForm("/account/password", List.of(Map.entry("currentPassword", password),
                    Map.entry("newPassword", "mon nouveau mot de passe"), Map.entry("confirmPassword", "mon nouveau mot de passe")))
                    .statusCode()).isEqualTo(303);
        }
        String form = admin.get("/t/" + clone.slug() + "/records/new").body();
        assertThat(form).contains("numero_allocataire").doesNotContain("accompagnement.antenne")
                .doesNotContain("prevention_expulsions.");
        List<Map.Entry<String, String>> fields = new ArrayList<>(org.dossier.testing.TestRecords.validPost("Cloné"));
        fields.removeIf(field -> field.getKey().equals("accompagnement.antenne"));
        fields.add(Map.entry("numero_allocataire", "7654321"));
        HttpResponse<String> saved = admin.postForm("/t/" + clone.slug() + "/records", fields);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    }

    @Test
    void a_service_cloned_from_the_page_and_another_from_the_command_line_both_take_a_case_file_at_once() {
        String pageSlug = slug("clone-page");
        HttpResponse<String> created = superAdmin.postForm("/admin/services/clone", List.of(Map.entry("from", source.slug()),
                Map.entry("slug", pageSlug), Map.entry("name", "Service C"), Map.entry("adminEmail", pageSlug + "@test.example")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).containsPattern("Cloné depuis .* en \\d+ ms");
        Tenant clone = services.tenants().require(pageSlug);
        assertThat(clone.name()).isEqualTo("Service C");
        assertThat(clone.primaryColor()).isEqualTo(source.primaryColor());
        assertThat(services.logos().exists(clone.id())).isTrue();
        assertThat(services.modules().isOn(clone.id(), "prevention-expulsions")).isFalse();
        assertThat(services.forms().latest(clone.id(), FormService.CASE_FILE).version()).isEqualTo(1);
        assertThat(services.forms().latest(clone.id(), FormService.CASE_FILE).definition())
                .isEqualTo(services.forms().latest(source.id(), FormService.CASE_FILE).definition());
        assertThat(count("SELECT COUNT(*) FROM records WHERE tenant_id = :t", clone)).isZero();
        assertThat(count("SELECT COUNT(*) FROM memberships WHERE tenant_id = :t", clone)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action LIKE 'record.%'", clone)).isZero();
        long sourceOf = services.jdbi().withHandle(handle -> handle.createQuery("SELECT source_tenant_id FROM tenants WHERE id = :id")
                .bind("id", clone.id().value()).mapTo(Long.class).one());
        assertThat(sourceOf).isEqualTo(source.id().value());
        Matcher password = ONE_TIME.matcher(created.body());
        assertThat(password.find()).isTrue();
        newAdminSavesACaseFile(pageSlug + "@test.example", password.group(1), clone);

        String cliSlug = slug("clone-cli");
        User existing = TestUsers.user(services, "cli-admin", false);
        TenantCommandAccess command = new TenantCommandAccess(services);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = command.execute("--from", source.slug(), "--slug", cliSlug, "--name", "Service D", "--admin", existing.email());
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Created service " + cliSlug).contains("(existing account)")
                .containsPattern("took \\d+ ms");
        newAdminSavesACaseFile(existing.email(), TestUsers.PASSWORD, services.tenants().require(cliSlug));
        assertThat(count("SELECT COUNT(*) FROM records WHERE tenant_id = :t", source)).as("the source is untouched").isEqualTo(1);
    }

    @Test
    void a_clone_refused_on_the_page_says_why_and_keeps_what_was_typed() {
        long before = services.tenants().count();
        HttpResponse<String> refused = superAdmin.postForm("/admin/services/clone", List.of(Map.entry("from", source.slug()),
                Map.entry("slug", "Pas Valide"), Map.entry("name", "Service Refusé"), Map.entry("adminEmail", "garde@test.example")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("value=\"Service Refusé\"").contains("value=\"Pas Valide\"")
                .contains("value=\"garde@test.example\"").contains("<option value=\"" + source.slug() + "\" selected>");
        assertThat(services.tenants().count()).isEqualTo(before);
    }

    @Test
    void the_api_clones_for_a_super_admin_only_and_a_refused_clone_creates_nothing() {
        TestClient script = TestClient.api(services, TestUsers.superAdmin(services));
        String apiSlug = slug("clone-api");
        HttpResponse<String> created = script.postJson("/api/v1/tenants", services.mapper().createObjectNode()
                .put("from", source.slug()).put("slug", apiSlug).put("name", "Service E")
                .put("adminEmail", apiSlug + "@test.example").toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"formVersion\":1").contains("oneTimePassword").contains("tookMs");

        TestClient admin = TestClient.api(services, TestUsers.member(services, source, Role.ADMIN, true));
        assertThat(admin.postJson("/api/v1/tenants", "{\"from\":\"" + source.slug() + "\",\"slug\":\"" + slug("x")
                + "\",\"name\":\"X\",\"adminEmail\":\"x@test.example\"}").statusCode()).isEqualTo(403);

        long before = services.tenants().count();
        for (String body : List.of(
                "{\"from\":\"" + source.slug() + "\",\"slug\":\"" + apiSlug + "\",\"name\":\"Pris\",\"adminEmail\":\"a@test.example\"}",
                "{\"from\":\"nulle-part\",\"slug\":\"" + slug("y") + "\",\"name\":\"Y\",\"adminEmail\":\"a@test.example\"}",
                "{\"from\":\"" + source.slug() + "\",\"slug\":\"" + slug("z") + "\",\"name\":\"Z\",\"adminEmail\":\"pas-un-email\"}",
                "{\"from\":\"" + source.slug() + "\",\"slug\":\"Pas Valide\",\"name\":\"Z\",\"adminEmail\":\"a@test.example\"}")) {
            HttpResponse<String> refused = script.postJson("/api/v1/tenants", body);
            assertThat(refused.statusCode()).as(body).isIn(404, 409, 422);
        }
        assertThat(services.tenants().count()).isEqualTo(before);
    }

    /** Runs {@code tenant clone} on the test database. */
    static final class TenantCommandAccess {
        private final Services services;

        TenantCommandAccess(Services services) {
            this.services = services;
        }

        int execute(String... args) {
            return org.dossier.TenantCommandTestHook.cloneCommand(services).execute(args);
        }
    }
}
