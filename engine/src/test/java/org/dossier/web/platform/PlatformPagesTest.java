package org.dossier.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The super-admin's services page: the list, and a new service with its form and first admin. */
@Tag("integration")
class PlatformPagesTest {
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private static Services services;
    private static Tenant existing;
    private static User superAdmin;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        existing = TestTenants.withBaseForm(services, "platform");
        superAdmin = TestUsers.superAdmin(services);
        browser = TestClient.browser(superAdmin);
    }

    private static String newSlug() {
        return "cree-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000L;
    }

    private static List<Map.Entry<String, String>> service(String name, String slug, String adminEmail) {
        return List.of(Map.entry("name", name), Map.entry("slug", slug), Map.entry("colour", "#5b21b6"),
                Map.entry("adminEmail", adminEmail), Map.entry("adminName", "Première Admin"));
    }

    private static Membership membership(Tenant in, User user) {
        return services.jdbi().withHandle(handle -> new MembershipDao(handle).find(in.id(), user.id())).orElseThrow();
    }

    /** Counts of what creating a service writes. */
    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("tenants", "form_versions", "users", "memberships")) {
            counts.put(table, services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                    .mapTo(Long.class).one()));
        }
        return counts;
    }

    @Test
    void a_super_admin_lists_every_service() {
        Tenant second = TestTenants.withBaseForm(services, "platform-list");

        HttpResponse<String> page = browser.get("/admin/services");

        assertThat(page.statusCode()).isEqualTo(200);
        for (Tenant tenant : List.of(existing, second)) {
            assertThat(page.body()).contains("<code>" + tenant.slug() + "</code>")
                    .contains("href=\"/t/" + tenant.slug() + "/admin/users\"");
        }
    }

    @Test
    void a_super_admin_creates_a_service_with_the_base_form_and_its_first_admin() {
        String slug = newSlug();
        String adminEmail = "premier-" + System.nanoTime() + "@test.example";

        HttpResponse<String> created = browser.postForm("/admin/services", service("Service créé", slug, adminEmail));

        assertThat(created.statusCode()).isEqualTo(201);
        Tenant tenant = services.tenants().require(slug);
        assertThat(tenant.name()).isEqualTo("Service créé");
        assertThat(tenant.primaryColor()).isEqualTo("#5b21b6");
        var form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        assertThat(form.version()).isEqualTo(1);
        assertThat(form.definition()).isEqualTo(BaseSchema.baseSchema());
        User firstAdmin = services.accounts().findByEmail(adminEmail).orElseThrow();
        assertThat(firstAdmin.mustChangePassword()).isTrue();
        assertThat(firstAdmin.displayName()).isEqualTo("Première Admin");
        assertThat(membership(tenant, firstAdmin)).extracting(Membership::role, Membership::confidential, Membership::active)
                .containsExactly(Role.ADMIN, true, true);
        List<AuditEvent> platformEvents = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.created",
                superAdmin.email());
        assertThat(platformEvents).anySatisfy(event -> {
            assertThat(event.targetId()).isEqualTo(tenant.id().toString());
            assertThat(TestAudit.details(event)).containsEntry("slug", slug).containsEntry("adminEmail", adminEmail);
        });
        assertThat(TestAudit.events(services, tenant.id().value(), "membership.created", superAdmin.email())).hasSize(1);
        assertThat(browser.get("/admin/audit?action=tenant.created").body()).contains("<td>tenant " + tenant.id() + "</td>");

        Matcher password = ONE_TIME.matcher(created.body());
        assertThat(password.find()).isTrue();
        HttpResponse<String> login = TestLogin.post(adminEmail, password.group(1), "/");
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/account/password");
    }

    @Test
    void an_existing_account_becomes_the_first_admin_and_keeps_its_password() {
        User someone = TestUsers.member(services, existing, Role.CASEWORKER, false);
        String slug = newSlug();

        HttpResponse<String> created = browser.postForm("/admin/services", service("Service repris", slug, someone.email()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ONE_TIME.matcher(created.body()).find()).isFalse();
        assertThat(membership(services.tenants().require(slug), someone).role()).isEqualTo(Role.ADMIN);
        assertThat(TestLogin.post(someone.email(), TestUsers.PASSWORD, "/").statusCode()).isEqualTo(303);
    }

    @Test
    void invalid_or_taken_input_creates_nothing() {
        String freshEmail = "jamais-" + System.nanoTime() + "@test.example";
        String slug = newSlug();
        Map<String, Long> before = counts();
        record Refusal(List<Map.Entry<String, String>> form, int status, String message) {}

        for (Refusal refusal : List.of(
                new Refusal(service("X", "Pas Valide", freshEmail), 422, "lettres minuscules"),
                new Refusal(service("X", existing.slug(), freshEmail), 409, "déjà pris"),
                new Refusal(service("X", slug, "pas-un-email"), 422, "adresse e-mail valide"),
                new Refusal(service("", slug, freshEmail), 422, "Saisissez un nom de service"))) {
            HttpResponse<String> refused = browser.postForm("/admin/services", refusal.form());
            assertThat(refused.statusCode()).as(refusal.form().toString()).isEqualTo(refusal.status());
            assertThat(refused.body()).contains(refusal.message()).doesNotContain("id=\"one-time-password\"");
        }

        assertThat(counts()).isEqualTo(before);
        assertThat(services.tenants().find(slug)).isEmpty();
        assertThat(services.accounts().findByEmail(freshEmail)).isEmpty();
    }

    @Test
    void only_super_admins_may_see_or_create_services() {
        Map<String, Long> before = counts();
        String slug = newSlug();
        for (Role role : List.of(Role.ADMIN, Role.CASEWORKER)) {
            TestClient member = TestClient.browser(TestUsers.member(services, existing, role, true));
            assertThat(member.get("/admin/services").statusCode()).as(role.key()).isEqualTo(403);
            assertThat(member.postForm("/admin/services", service("Refusé", slug, "refuse@test.example")).statusCode())
                    .as(role.key()).isEqualTo(403);
        }
        assertThat(TestClient.anonymous().get("/admin/services").statusCode()).isEqualTo(303);
        assertThat(TestClient.anonymous().postForm("/admin/services", service("Refusé", slug, "refuse@test.example"))
                .statusCode()).isEqualTo(401);

        assertThat(services.tenants().find(slug)).isEmpty();
        Map<String, Long> after = counts();
        assertThat(after.get("tenants")).isEqualTo(before.get("tenants"));
        assertThat(after.get("form_versions")).isEqualTo(before.get("form_versions"));
    }
}
