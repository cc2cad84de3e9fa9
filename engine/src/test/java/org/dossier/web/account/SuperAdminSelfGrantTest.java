package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A super-admin manages any service's users by its platform role, but may not use that role to
 * give itself a place, a role or the confidential grant in a service: another admin of the
 * service invites it, and it accepts like anyone else.
 */
@Tag("integration")
class SuperAdminSelfGrantTest {
    private static final String REFUSAL = "Un super-administrateur ne peut pas s’ajouter lui-même à un service";
    private Services services;
    private Tenant service;
    private User superAdmin;
    private TestClient browser;
    private String users;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        service = TestTenants.withBaseForm(services, "autogrant");
        TestUsers.member(services, service, Role.ADMIN, true);
        superAdmin = TestUsers.superAdmin(services);
        browser = TestClient.browser(superAdmin);
        users = "/t/" + service.slug() + "/admin/users";
    }

    private Optional<Membership> membership() {
        return services.jdbi().withHandle(handle -> new MembershipDao(handle).find(service.id(), superAdmin.id()));
    }

    private static List<Map.Entry<String, String>> asAdminWithGrant(String email) {
        return List.of(Map.entry("email", email), Map.entry("name", "Moi"), Map.entry("role", "admin"),
                Map.entry("confidential", "on"), Map.entry("active", "on"));
    }

    @Test
    void a_super_admin_who_is_not_a_member_cannot_add_itself_and_is_told_why() {
        HttpResponse<String> refused = browser.postForm(users, asAdminWithGrant(superAdmin.email()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains(REFUSAL).contains("un autre administrateur du service doit l’inviter");
        assertThat(membership()).isEmpty();
        assertThat(TestAudit.events(services, service.id().value(), "membership.invited", superAdmin.email())).isEmpty();
        // Upper case and spaces name the same account.
        assertThat(browser.postForm(users, asAdminWithGrant("  " + superAdmin.email().toUpperCase(java.util.Locale.ROOT)))
                .statusCode()).isEqualTo(403);
        assertThat(membership()).isEmpty();
        // Nor with a bearer token: the user pages take none.
        assertThat(TestClient.api(services, superAdmin).postForm(users, asAdminWithGrant(superAdmin.email())).statusCode())
                .isGreaterThanOrEqualTo(400);
        assertThat(membership()).isEmpty();
        // It still invites other people.
        assertThat(browser.postForm(users, asAdminWithGrant("quelquun-" + System.nanoTime() + "@test.example"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void a_super_admin_cannot_reactivate_or_raise_its_own_deactivated_membership() {
        TestUsers.join(services, superAdmin, service, Role.VIEWER, false);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE memberships SET active = FALSE WHERE tenant_id = :tenantId AND user_id = :userId")
                .bind("tenantId", service.id()).bind("userId", superAdmin.id()).execute());

        HttpResponse<String> refused = browser.postForm(users + "/" + superAdmin.id(), List.of(Map.entry("role", "admin"),
                Map.entry("confidential", "on"), Map.entry("active", "on")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains(REFUSAL);
        assertThat(membership().orElseThrow()).extracting(Membership::role, Membership::confidential, Membership::active)
                .containsExactly(Role.VIEWER, false, false);
        assertThat(browser.get("/t/" + service.slug() + "/records").statusCode()).isEqualTo(403);
    }

    @Test
    void invited_by_the_services_admin_the_super_admin_joins_by_accepting_like_anyone() {
        User admin = services.accounts().members(service.id()).get(0).user();
        TestClient adminBrowser = TestClient.browser(admin);
        assertThat(adminBrowser.postForm(users, asAdminWithGrant(superAdmin.email())).statusCode()).isEqualTo(201);
        assertThat(browser.get("/t/" + service.slug() + "/records").statusCode()).as("not before accepting").isEqualTo(403);

        assertThat(browser.postForm("/account/invitations/" + service.slug() + "/accept", List.of()).statusCode())
                .isEqualTo(303);

        assertThat(membership().orElseThrow()).extracting(Membership::role, Membership::confidential, Membership::active)
                .containsExactly(Role.ADMIN, true, true);
        assertThat(browser.get("/t/" + service.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(TestAudit.events(services, service.id().value(), "membership.accepted", superAdmin.email())).hasSize(1);
    }
}
