package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service admin's user management and audit log, a super-admin's services page, and the
 * password pages every user has.
 */
@Tag("integration")
class AdministrationTest {
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;
    private static User admin;
    private static TestClient adminBrowser;
    private static String users;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "admin");
        other = TestTenants.withBaseForm(services, "admin-other");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        adminBrowser = TestClient.browser(admin);
        users = "/t/" + tenant.slug() + "/admin/users";
    }

    private static HttpResponse<String> addMember(String email, String role, boolean confidential) {
        return adminBrowser.postForm(users, confidential
                ? List.of(Map.entry("email", email), Map.entry("name", "Nouvelle Personne"), Map.entry("role", role),
                Map.entry("confidential", "on"))
                : List.of(Map.entry("email", email), Map.entry("name", "Nouvelle Personne"), Map.entry("role", role)));
    }

    private static Membership membership(Tenant in, User user) {
        return services.jdbi().withHandle(handle -> new org.dossier.account.MembershipDao(handle).find(in.id(), user.id()))
                .orElseThrow();
    }

    private static long events(Tenant in, String action) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = :a")
                .bind("t", in.id()).bind("a", action).mapTo(Long.class).one());
    }

    @Test
    void an_admin_adds_a_new_person_who_signs_in_with_the_one_time_password_and_must_change_it() {
        String email = "nouvelle-" + System.nanoTime() + "@test.example";
        HttpResponse<String> added = addMember(email, "caseworker", false);

        assertThat(added.statusCode()).isEqualTo(201);
        Matcher password = ONE_TIME.matcher(added.body());
        assertThat(password.find()).isTrue();
        User user = services.accounts().findByEmail(email).orElseThrow();
        assertThat(membership(tenant, user).role()).isEqualTo(Role.CASEWORKER);
        assertThat(membership(tenant, user).confidential()).isFalse();
        assertThat(events(tenant, "membership.created")).isPositive();

        TestClient newcomer = TestClient.signIn(email, password.group(1));
        HttpResponse<String> anyPage = newcomer.get("/t/" + tenant.slug() + "/records");
        assertThat(anyPage.statusCode()).isEqualTo(303);
        assertThat(anyPage.headers().firstValue("Location")).hasValue("/account/password");
        assertThat(TestClient.anonymous().postJson("/api/v1/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"" + password.group(1) + "\"}").statusCode()).isEqualTo(403);

        HttpResponse<String> changed = newcomer.postForm("/account/password", List.of(
                Map.entry("currentPassword", password.group(1)), Map.entry("newPassword", "une phrase bien à moi"),
                Map.entry("confirmPassword", "une phrase bien à moi")));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(newcomer.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(200);
    }

    @Test
    void adding_someone_who_already_has_an_account_shows_no_password_and_a_second_time_is_refused() {
        User elsewhere = TestUsers.member(services, other, Role.ADMIN, true);

        HttpResponse<String> added = addMember(elsewhere.email(), "viewer", false);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(ONE_TIME.matcher(added.body()).find()).isFalse();
        assertThat(membership(tenant, elsewhere).role()).isEqualTo(Role.VIEWER);
        assertThat(membership(other, elsewhere).role()).as("the other service's membership").isEqualTo(Role.ADMIN);

        HttpResponse<String> again = addMember(elsewhere.email(), "admin", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(membership(tenant, elsewhere).role()).isEqualTo(Role.VIEWER);
        assertThat(addMember("not an email", "viewer", false).statusCode()).isEqualTo(422);
        assertThat(addMember("valid-" + System.nanoTime() + "@test.example", "owner", false).statusCode()).isEqualTo(422);
    }

    @Test
    void an_admin_changes_role_and_grant_and_deactivates_a_member_who_then_loses_access() {
        User member = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient memberBrowser = TestClient.browser(member);
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records/new").statusCode()).isEqualTo(403);

        HttpResponse<String> promoted = adminBrowser.postForm(users + "/" + member.id(), List.of(
                Map.entry("role", "caseworker"), Map.entry("confidential", "on"), Map.entry("active", "on")));
        assertThat(promoted.statusCode()).isEqualTo(303);
        assertThat(membership(tenant, member)).extracting(Membership::role, Membership::confidential)
                .containsExactly(Role.CASEWORKER, true);
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records/new").statusCode()).isEqualTo(200);

        HttpResponse<String> deactivated = adminBrowser.postForm(users + "/" + member.id(), List.of(
                Map.entry("role", "caseworker")));
        assertThat(deactivated.statusCode()).isEqualTo(303);
        assertThat(membership(tenant, member).active()).isFalse();
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(404);
        assertThat(events(tenant, "membership.changed")).isPositive();
        assertThat(events(tenant, "membership.deactivated")).isPositive();
    }

    @Test
    void the_last_active_admin_can_be_neither_demoted_nor_deactivated() {
        Tenant alone = TestTenants.withBaseForm(services, "admin-alone");
        User only = TestUsers.member(services, alone, Role.ADMIN, true);
        TestClient browser = TestClient.browser(only);
        String url = "/t/" + alone.slug() + "/admin/users/" + only.id();

        HttpResponse<String> demoted = browser.postForm(url, List.of(Map.entry("role", "viewer"), Map.entry("active", "on")));
        HttpResponse<String> deactivated = browser.postForm(url, List.of(Map.entry("role", "admin")));

        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(deactivated.statusCode()).isEqualTo(409);
        assertThat(demoted.body()).contains("au moins un administrateur actif");
        assertThat(membership(alone, only)).extracting(Membership::role, Membership::active).containsExactly(Role.ADMIN, true);
    }

    @Test
    void the_audit_log_is_filtered_by_user_action_and_date_and_shows_only_the_service() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        TestClient.browser(caseworker);
        TestClient.browser(TestUsers.member(services, other, Role.ADMIN, true));
        String log = "/t/" + tenant.slug() + "/admin/audit";
        String today = LocalDate.now().toString();

        String byUser = adminBrowser.get(log + "?actor=" + caseworker.email().replace("@", "%40")).body();
        assertThat(byUser).contains("login.succeeded").contains(caseworker.email()).doesNotContain(admin.email() + "</td>");

        String byAction = adminBrowser.get(log + "?action=membership.created").body();
        assertThat(byAction).contains("membership.created").doesNotContain("<code>login.succeeded</code>");

        assertThat(adminBrowser.get(log + "?from=" + today + "&to=" + today).body()).contains("login.succeeded");
        assertThat(adminBrowser.get(log + "?from=2000-01-01&to=2000-01-31").body()).doesNotContain("login.succeeded");
        assertThat(adminBrowser.get(log).body()).doesNotContain(other.name()).doesNotContain("admin-other");

        assertThat(TestClient.browser(caseworker).get(log).statusCode()).isEqualTo(403);
    }

    @Test
    void the_super_admin_creates_a_service_with_its_first_admin_and_sees_every_service_log() {
        User superAdmin = TestUsers.superAdmin(services);
        TestClient browser = TestClient.browser(superAdmin);
        String slug = "cree-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 100000);
        String adminEmail = "premier-" + System.nanoTime() + "@test.example";

        HttpResponse<String> created = browser.postForm("/admin/services", List.of(Map.entry("name", "Service créé"),
                Map.entry("slug", slug), Map.entry("colour", "#5b21b6"), Map.entry("adminEmail", adminEmail),
                Map.entry("adminName", "Première Admin")));

        assertThat(created.statusCode()).isEqualTo(201);
        Tenant tenantCreated = services.tenants().require(slug);
        assertThat(tenantCreated.primaryColor()).isEqualTo("#5b21b6");
        assertThat(services.forms().latest(tenantCreated.id(), FormService.CASE_FILE).version()).isEqualTo(1);
        User firstAdmin = services.accounts().findByEmail(adminEmail).orElseThrow();
        assertThat(membership(tenantCreated, firstAdmin).role()).isEqualTo(Role.ADMIN);
        Matcher password = ONE_TIME.matcher(created.body());
        assertThat(password.find()).isTrue();

        long services0 = services.tenants().count();
        for (List<Map.Entry<String, String>> bad : List.of(
                List.of(Map.entry("name", "X"), Map.entry("slug", "Pas Valide"), Map.entry("adminEmail", "a@b.example")),
                List.of(Map.entry("name", "X"), Map.entry("slug", slug), Map.entry("adminEmail", "a@b.example")),
                List.of(Map.entry("name", "X"), Map.entry("slug", slug + "-2"), Map.entry("adminEmail", "pas-un-email")),
                List.of(Map.entry("name", ""), Map.entry("slug", slug + "-3"), Map.entry("adminEmail", "a@b.example")))) {
            HttpResponse<String> refused = browser.postForm("/admin/services", bad);
            assertThat(refused.statusCode()).as(bad.toString()).isBetween(400, 499);
        }
        assertThat(services.tenants().count()).isEqualTo(services0);
        assertThat(services.tenants().find(slug + "-2")).isEmpty();

        String log = browser.get("/admin/audit?action=tenant.created").body();
        assertThat(log).contains("tenant.created").contains(slug);
        assertThat(browser.get("/admin/audit").body()).contains(tenant.name());
        assertThat(adminBrowser.get("/admin/services").statusCode()).isEqualTo(403);
        assertThat(adminBrowser.get("/admin/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void changing_ones_password_checks_the_current_one_and_closes_the_other_sessions() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        TestClient elsewhere = TestClient.browser(user);

        for (List<Map.Entry<String, String>> bad : List.of(
                List.of(Map.entry("currentPassword", "wrong wrong wrong"), Map.entry("newPassword", "tout nouveau mot"),
                        Map.entry("confirmPassword", "tout nouveau mot")),
                List.of(Map.entry("currentPassword", TestUsers.PASSWORD), Map.entry("newPassword", "court"),
                        Map.entry("confirmPassword", "court")),
                List.of(Map.entry("currentPassword", TestUsers.PASSWORD), Map.entry("newPassword", "tout nouveau mot"),
                        Map.entry("confirmPassword", "autre nouveau mot")))) {
            assertThat(here.postForm("/account/password", bad).statusCode()).isEqualTo(422);
        }
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(200);

        HttpResponse<String> changed = here.postForm("/account/password", List.of(
                Map.entry("currentPassword", TestUsers.PASSWORD), Map.entry("newPassword", "tout nouveau mot de passe"),
                Map.entry("confirmPassword", "tout nouveau mot de passe")));

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(here.get("/account").statusCode()).isEqualTo(200);
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(303);
        TestClient.signIn(user.email(), "tout nouveau mot de passe");
    }

    @Test
    void actions_a_role_does_not_allow_are_not_offered() {
        org.dossier.record.CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE,
                RecordApiTest.validData("Boutons"), org.dossier.audit.Actor.system("test"), java.util.Locale.FRENCH);
        String list = "/t/" + tenant.slug() + "/records";
        String view = list + "/" + record.id();

        TestClient viewer = TestClient.browser(TestUsers.member(services, tenant, Role.VIEWER, false));
        assertThat(viewer.get(list).body()).doesNotContain(list + "/new");
        assertThat(viewer.get(view).body()).doesNotContain(view + "/edit").doesNotContain(view + "/delete");

        TestClient caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        assertThat(caseworker.get(list).body()).contains(list + "/new");
        assertThat(caseworker.get(view).body()).contains(view + "/edit").doesNotContain(view + "/delete");

        assertThat(adminBrowser.get(view).body()).contains(view + "/edit").contains(view + "/delete");
    }
}
