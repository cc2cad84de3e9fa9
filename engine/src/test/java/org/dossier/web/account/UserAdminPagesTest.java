package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestThrottle;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A service admin's management of the service's users, and who else may not touch it. */
@Tag("integration")
class UserAdminPagesTest {
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
        tenant = TestTenants.withBaseForm(services, "useradmin");
        other = TestTenants.withBaseForm(services, "useradmin-other");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        adminBrowser = TestClient.browser(admin);
        users = "/t/" + tenant.slug() + "/admin/users";
    }

    private static HttpResponse<String> addMember(TestClient browser, String url, String email, String role,
                                                  boolean confidential) {
        return browser.postForm(url, confidential
                ? List.of(Map.entry("email", email), Map.entry("name", "Nouvelle Personne"), Map.entry("role", role),
                Map.entry("confidential", "on"))
                : List.of(Map.entry("email", email), Map.entry("name", "Nouvelle Personne"), Map.entry("role", role)));
    }

    private static HttpResponse<String> addMember(String email, String role, boolean confidential) {
        return addMember(adminBrowser, users, email, role, confidential);
    }

    private static Optional<Membership> membership(Tenant in, User user) {
        return services.jdbi().withHandle(handle -> new MembershipDao(handle).find(in.id(), user.id()));
    }

    private static String passwordHash(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", user.id()).mapTo(String.class).one());
    }

    private static List<AuditEvent> events(Tenant in, String action) {
        return TestAudit.events(services, in.id().value(), action, admin.email());
    }

    private static AuditEvent lastEvent(Tenant in, String action, User target) {
        List<AuditEvent> found = events(in, action).stream()
                .filter(event -> event.targetId().equals(Long.toString(target.id()))).toList();
        assertThat(found).as("%s on user %d", action, target.id()).isNotEmpty();
        return found.get(found.size() - 1);
    }

    @Test
    void an_admin_invites_a_new_person_who_signs_in_with_the_one_time_password_and_must_change_it() {
        String email = "nouvelle-" + System.nanoTime() + "@test.example";
        HttpResponse<String> added = addMember(email, "caseworker", false);

        assertThat(added.statusCode()).isEqualTo(201);
        Matcher password = ONE_TIME.matcher(added.body());
        assertThat(password.find()).isTrue();
        User user = services.accounts().findByEmail(email).orElseThrow();
        assertThat(user.mustChangePassword()).isTrue();
        assertThat(membership(tenant, user).orElseThrow()).extracting(Membership::role, Membership::confidential,
                Membership::active, Membership::pending).containsExactly(Role.CASEWORKER, false, false, true);
        assertThat(passwordHash(user)).startsWith("$argon2id$").doesNotContain(password.group(1));
        AuditEvent invited = lastEvent(tenant, "membership.invited", user);
        assertThat(TestAudit.details(invited)).containsEntry("role", "caseworker").doesNotContainKey("newAccount");
        assertThat(invited.details()).doesNotContain(password.group(1));

        TestClient newcomer = TestClient.signIn(email, password.group(1));
        HttpResponse<String> anyPage = newcomer.get("/t/" + tenant.slug() + "/records");
        assertThat(anyPage.statusCode()).isEqualTo(303);
        assertThat(anyPage.headers().firstValue("Location")).hasValue("/account/password");
    }

    @Test
    void inviting_someone_who_already_has_an_account_keeps_their_password_and_a_second_time_is_refused() {
        User elsewhere = TestUsers.member(services, other, Role.ADMIN, true);
        String hashBefore = passwordHash(elsewhere);

        HttpResponse<String> added = addMember(elsewhere.email(), "viewer", false);
        assertThat(added.statusCode()).isEqualTo(201);
        // A one-time password is shown as for a new account; it opens nothing.
        Matcher shown = ONE_TIME.matcher(added.body());
        assertThat(shown.find()).isTrue();
        assertThat(TestLogin.post(elsewhere.email(), shown.group(1), null).statusCode()).isEqualTo(401);
        TestThrottle.forget(services, TestThrottle.accountKey(elsewhere.email()));
        TestThrottle.forgetLocalAddress(services);
        assertThat(membership(tenant, elsewhere).orElseThrow()).extracting(Membership::role, Membership::pending)
                .containsExactly(Role.VIEWER, true);
        assertThat(membership(other, elsewhere).orElseThrow().role()).as("the other service's membership")
                .isEqualTo(Role.ADMIN);
        assertThat(passwordHash(elsewhere)).isEqualTo(hashBefore);
        assertThat(TestAudit.details(lastEvent(tenant, "membership.invited", elsewhere))).doesNotContainKey("newAccount");

        HttpResponse<String> again = addMember(elsewhere.email(), "admin", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Cette personne fait déjà partie du service.");
        assertThat(membership(tenant, elsewhere).orElseThrow()).extracting(Membership::role, Membership::confidential)
                .containsExactly(Role.VIEWER, false);
        assertThat(events(tenant, "membership.invited").stream()
                .filter(event -> event.targetId().equals(Long.toString(elsewhere.id())))).hasSize(1);
    }

    @Test
    void an_invalid_email_or_role_adds_nobody() {
        String unknownRole = "valid-" + System.nanoTime() + "@test.example";
        int membersBefore = services.accounts().members(tenant.id()).size();

        assertThat(addMember("not an email", "viewer", false).statusCode()).isEqualTo(422);
        assertThat(addMember(unknownRole, "owner", false).statusCode()).isEqualTo(422);

        assertThat(services.accounts().findByEmail(unknownRole)).isEmpty();
        assertThat(services.accounts().members(tenant.id())).hasSize(membersBefore);
    }

    @Test
    void an_admin_changes_role_and_grant_and_deactivates_a_member_who_then_loses_access() {
        User member = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient memberBrowser = TestClient.browser(member);
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records/new").statusCode()).isEqualTo(403);

        HttpResponse<String> promoted = adminBrowser.postForm(users + "/" + member.id(), List.of(
                Map.entry("role", "caseworker"), Map.entry("confidential", "on"), Map.entry("active", "on")));
        assertThat(promoted.statusCode()).isEqualTo(303);
        assertThat(membership(tenant, member).orElseThrow()).extracting(Membership::role, Membership::confidential,
                Membership::active).containsExactly(Role.CASEWORKER, true, true);
        assertThat(TestAudit.details(lastEvent(tenant, "membership.changed", member)))
                .containsEntry("role", "caseworker").containsEntry("previousRole", "viewer")
                .containsEntry("confidential", "true").containsEntry("previousConfidential", "false");
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records/new").statusCode()).isEqualTo(200);

        HttpResponse<String> deactivated = adminBrowser.postForm(users + "/" + member.id(), List.of(
                Map.entry("role", "caseworker")));
        assertThat(deactivated.statusCode()).isEqualTo(303);
        assertThat(membership(tenant, member).orElseThrow()).extracting(Membership::active, Membership::confidential)
                .containsExactly(false, false);
        assertThat(TestAudit.details(lastEvent(tenant, "membership.deactivated", member))).containsEntry("active", "false");
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(404);
        assertThat(memberBrowser.get("/").body()).doesNotContain(tenant.name());

        HttpResponse<String> reactivated = adminBrowser.postForm(users + "/" + member.id(), List.of(
                Map.entry("role", "viewer"), Map.entry("active", "on")));
        assertThat(reactivated.statusCode()).isEqualTo(303);
        assertThat(TestAudit.details(lastEvent(tenant, "membership.reactivated", member))).containsEntry("role", "viewer")
                .containsEntry("active", "true");
        assertThat(memberBrowser.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(200);
    }

    @Test
    void the_last_active_admin_can_be_neither_demoted_nor_deactivated_but_one_of_two_can() {
        Tenant alone = TestTenants.withBaseForm(services, "useradmin-alone");
        User only = TestUsers.member(services, alone, Role.ADMIN, true);
        TestClient browser = TestClient.browser(only);
        String url = "/t/" + alone.slug() + "/admin/users/" + only.id();

        HttpResponse<String> demoted = browser.postForm(url, List.of(Map.entry("role", "viewer"), Map.entry("active", "on")));
        HttpResponse<String> deactivated = browser.postForm(url, List.of(Map.entry("role", "admin")));

        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(deactivated.statusCode()).isEqualTo(409);
        assertThat(demoted.body()).contains("au moins un administrateur actif");
        assertThat(membership(alone, only).orElseThrow()).extracting(Membership::role, Membership::active)
                .containsExactly(Role.ADMIN, true);
        assertThat(TestAudit.events(services, alone.id().value(), "membership.changed", only.email())).isEmpty();
        assertThat(TestAudit.events(services, alone.id().value(), "membership.deactivated", only.email())).isEmpty();

        User second = TestUsers.member(services, alone, Role.ADMIN, false);
        assertThat(browser.postForm(url, List.of(Map.entry("role", "viewer"), Map.entry("active", "on"))).statusCode())
                .as("with a second admin").isEqualTo(303);
        assertThat(membership(alone, only).orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(membership(alone, second).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void caseworkers_and_viewers_are_refused_the_user_pages_and_change_nothing() {
        User target = TestUsers.member(services, tenant, Role.VIEWER, false);
        String email = "refuse-" + System.nanoTime() + "@test.example";
        for (Role role : List.of(Role.CASEWORKER, Role.VIEWER)) {
            TestClient browser = TestClient.browser(TestUsers.member(services, tenant, role, false));

            assertThat(browser.get(users).statusCode()).as(role + " list").isEqualTo(403);
            assertThat(browser.get(users + "/" + target.id()).statusCode()).as(role + " edit").isEqualTo(403);
            assertThat(addMember(browser, users, email, "admin", true).statusCode()).as(role + " add").isEqualTo(403);
            assertThat(browser.postForm(users + "/" + target.id(), List.of(Map.entry("role", "admin"),
                    Map.entry("confidential", "on"), Map.entry("active", "on"))).statusCode()).as(role + " change")
                    .isEqualTo(403);
        }
        assertThat(services.accounts().findByEmail(email)).isEmpty();
        assertThat(membership(tenant, target).orElseThrow()).extracting(Membership::role, Membership::confidential)
                .containsExactly(Role.VIEWER, false);
    }

    @Test
    void an_admin_of_one_service_cannot_manage_the_users_of_another() {
        User memberOfOther = TestUsers.member(services, other, Role.CASEWORKER, false);
        String otherUsers = "/t/" + other.slug() + "/admin/users";
        String email = "intrus-" + System.nanoTime() + "@test.example";

        assertThat(adminBrowser.get(otherUsers).statusCode()).isEqualTo(404);
        assertThat(adminBrowser.get(otherUsers + "/" + memberOfOther.id()).statusCode()).isEqualTo(404);
        assertThat(addMember(adminBrowser, otherUsers, email, "admin", true).statusCode()).isEqualTo(404);
        assertThat(adminBrowser.postForm(otherUsers + "/" + memberOfOther.id(), List.of(Map.entry("role", "admin"),
                Map.entry("active", "on"))).statusCode()).isEqualTo(404);
        // Nor through their own service's URL, with the id of someone who is not their member.
        assertThat(adminBrowser.get(users + "/" + memberOfOther.id()).statusCode()).isEqualTo(404);
        assertThat(adminBrowser.postForm(users + "/" + memberOfOther.id(), List.of(Map.entry("role", "viewer")))
                .statusCode()).isEqualTo(404);

        assertThat(services.accounts().findByEmail(email)).isEmpty();
        assertThat(membership(other, memberOfOther).orElseThrow()).extracting(Membership::role, Membership::active)
                .containsExactly(Role.CASEWORKER, true);
        assertThat(membership(tenant, memberOfOther)).isEmpty();
        assertThat(adminBrowser.get(users).body()).doesNotContain(memberOfOther.email());
    }
}
