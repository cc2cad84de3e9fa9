package org.dossier.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.branding.LowContrastException;
import org.dossier.form.FormService;
import org.dossier.onboarding.OnboardingRefusedException.Reason;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The checks of onboarding, on the service itself and as seen from the page, the API and the command line. */
@Tag("integration")
class OnboardingTest {
    private static final Actor ACTOR = Actor.system("test");
    private static Services services;
    private static Tenant existing;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        existing = TestTenants.withBaseForm(services, "onboarding");
    }

    private static String slug(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000L;
    }

    private static String codeOf(Runnable request) {
        try {
            request.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void create_refuses_each_invalid_value_with_its_code_and_creates_nothing() {
        String slug = slug("neuf");
        long before = services.tenants().count();

        assertThat(codeOf(() -> services.onboarding().create(new NewService(" ", slug, "", "a@test.example", ""), ACTOR)))
                .isEqualTo("invalidServiceName");
        assertThat(codeOf(() -> services.onboarding().create(new NewService("N".repeat(201), slug, "", "a@test.example", ""),
                ACTOR))).isEqualTo("invalidServiceName");
        assertThat(codeOf(() -> services.onboarding().create(new NewService("Neuf", "Pas Valide", "", "a@test.example", ""),
                ACTOR))).isEqualTo(Reason.INVALID_SLUG.code()).isEqualTo("invalidSlug");
        assertThat(codeOf(() -> services.onboarding().create(new NewService("Neuf", slug, "bleu", "a@test.example", ""),
                ACTOR))).isEqualTo("invalidColour");
        assertThatThrownBy(() -> services.onboarding().create(new NewService("Neuf", slug, "#FFCC00", "a@test.example", ""),
                ACTOR)).isInstanceOfSatisfying(LowContrastException.class,
                        refused -> assertThat(refused.ratio()).isGreaterThan(1).isLessThan(2));
        assertThatThrownBy(() -> services.onboarding().create(new NewService("Neuf", existing.slug(), "", "a@test.example",
                ""), ACTOR)).isInstanceOfSatisfying(OnboardingRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.SLUG_TAKEN);
                    assertThat(refused.code()).isEqualTo("slugTaken");
                    assertThat(refused.status()).isEqualTo(409);
                });
        assertThat(codeOf(() -> services.onboarding().create(new NewService("Neuf", slug, "", "pas-un-email", ""), ACTOR)))
                .isEqualTo("invalidEmail");

        assertThat(services.tenants().count()).isEqualTo(before);
        assertThat(services.tenants().find(slug)).isEmpty();
    }

    @Test
    void create_checks_the_name_before_the_slug_and_clone_the_slug_before_the_name() {
        assertThat(codeOf(() -> services.onboarding().create(new NewService("", "Pas Valide", "", "a@test.example", ""),
                ACTOR))).isEqualTo("invalidServiceName");
        assertThat(codeOf(() -> services.onboarding().clone(new CloneRequest(existing.slug(), "Pas Valide", "",
                "a@test.example", ""), ACTOR))).isEqualTo("invalidSlug");
    }

    @Test
    void create_trims_the_values_and_stores_the_default_colour_in_lower_case() {
        String slug = slug("propre");

        CreatedService created = services.onboarding().create(new NewService("  Service Propre ", " " + slug + " ", " ",
                " " + slug + "@test.example ", ""), ACTOR);

        assertThat(created.tenant().slug()).isEqualTo(slug);
        assertThat(created.tenant().name()).isEqualTo("Service Propre");
        assertThat(services.tenants().require(slug).primaryColor()).isEqualTo("#1e3a8a");
        assertThat(created.adminEmail()).isEqualTo(slug + "@test.example");
        assertThat(created.oneTimePassword()).isPresent();
        assertThat(services.forms().latest(created.tenant().id(), FormService.CASE_FILE).version()).isEqualTo(1);
        String custom = slug("couleur");
        services.onboarding().create(new NewService("Couleur", custom, "#5B21B6", custom + "@test.example", ""), ACTOR);
        assertThat(services.tenants().require(custom).primaryColor()).isEqualTo("#5b21b6");
    }

    @Test
    void clone_refuses_an_unknown_source_an_invalid_email_and_a_taken_slug() {
        long before = services.tenants().count();

        assertThat(codeOf(() -> services.onboarding().clone(new CloneRequest("nulle-part", slug("c"), "C", "a@test.example",
                null), ACTOR))).isEqualTo("noSuchSource");
        assertThat(codeOf(() -> services.onboarding().clone(new CloneRequest(existing.slug(), slug("c"), "C", "pas-un-email",
                null), ACTOR))).isEqualTo("invalidEmail");
        assertThat(codeOf(() -> services.onboarding().clone(new CloneRequest(existing.slug(), existing.slug(), "C",
                "a@test.example", null), ACTOR))).isEqualTo("slugTaken");
        assertThat(codeOf(() -> services.onboarding().clone(new CloneRequest(existing.slug(), slug("c"), " ",
                "a@test.example", null), ACTOR))).isEqualTo("invalidServiceName");

        assertThat(services.tenants().count()).isEqualTo(before);
    }

    @Test
    void a_taken_slug_is_refused_alike_by_the_page_the_api_and_the_command_line() {
        TestClient browser = TestClient.browser(TestUsers.superAdmin(services));
        TestClient script = TestClient.api(services, TestUsers.superAdmin(services));
        long before = services.tenants().count();

        HttpResponse<String> page = browser.postForm("/admin/services/clone", List.of(Map.entry("from", existing.slug()),
                Map.entry("slug", existing.slug()), Map.entry("name", "Doublon"), Map.entry("adminEmail", "d@test.example")));
        HttpResponse<String> created = browser.postForm("/admin/services", List.of(Map.entry("name", "Doublon"),
                Map.entry("slug", existing.slug()), Map.entry("colour", ""), Map.entry("adminEmail", "d@test.example"),
                Map.entry("adminName", "")));
        HttpResponse<String> api = script.postJson("/api/v1/tenants", services.mapper().createObjectNode()
                .put("from", existing.slug()).put("slug", existing.slug()).put("name", "Doublon")
                .put("adminEmail", "d@test.example").toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = org.dossier.TenantCommandTestHook.cloneCommand(services).execute("--from", existing.slug(), "--slug",
                    existing.slug(), "--name", "Doublon", "--admin", "d@test.example");
        } finally {
            System.setErr(previous);
        }

        String message = services.messages().general("slugTaken", java.util.Locale.FRENCH);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains(message);
        assertThat(created.statusCode()).isEqualTo(409);
        assertThat(created.body()).contains(message);
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(api).path("errors").path(0).path("code").asText()).isEqualTo("slugTaken");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Refused, nothing created: slugTaken");
        assertThat(services.tenants().count()).isEqualTo(before);
    }

    @Test
    void a_service_with_case_files_cannot_become_a_template_and_an_empty_one_can() {
        Tenant empty = TestTenants.withBaseForm(services, "modele");
        services.records().create(existing.id(), FormService.CASE_FILE, org.dossier.testing.TestRecords.validData("Tenu"),
                ACTOR, java.util.Locale.FRENCH);

        assertThatThrownBy(() -> services.onboarding().markTemplate(existing, true, ACTOR))
                .isInstanceOfSatisfying(OnboardingRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.TEMPLATE_HOLDS_CASE_FILES));
        services.onboarding().markTemplate(empty, true, ACTOR);

        assertThat(services.tenants().require(existing.slug()).template()).isFalse();
        assertThat(services.tenants().require(empty.slug()).template()).isTrue();
    }
}
