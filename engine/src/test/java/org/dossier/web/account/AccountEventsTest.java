package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
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

/**
 * A person's own events (sign-in, sign-out, tokens, password) belong to their account and the
 * platform log: no service they work in, or once worked in, learns when or from where they sign in.
 */
@Tag("integration")
class AccountEventsTest {
    private static final List<String> ACCOUNT_ACTIONS = List.of("login.succeeded", "login.failed", "logout",
            "token.created", "token.revoked", "password.change.failed");
    private static Services services;
    private static Tenant first;
    private static Tenant second;
    private static TestClient adminOfFirst;
    private static TestClient superAdmin;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        first = TestTenants.withBaseForm(services, "compte-a");
        second = TestTenants.withBaseForm(services, "compte-b");
        adminOfFirst = TestClient.browser(TestUsers.member(services, first, Role.ADMIN, true));
        superAdmin = TestClient.browser(TestUsers.superAdmin(services));
    }

    /** Signs in, fails once, makes and revokes a token, gives a wrong current password, signs out. */
    private static void actAsThePerson(User person) {
        assertThat(TestLogin.post(person.email(), "not the password at all", null).statusCode()).isEqualTo(401);
        TestClient browser = TestClient.browser(person);
        HttpResponse<String> created = browser.postForm("/account/tokens", List.of(Map.entry("name", "script"),
                Map.entry("days", "30")));
        assertThat(created.statusCode()).isEqualTo(201);
        long tokenId = services.tokens().personalTokens(person.id()).get(0).id();
        assertThat(browser.postForm("/account/tokens/" + tokenId + "/revoke", List.of()).statusCode()).isEqualTo(303);
        assertThat(browser.postForm("/account/password", List.of(Map.entry("currentPassword", "wrong current one"),
                Map.entry("newPassword", "a brand new passphrase"), Map.entry("confirmPassword", "a brand new passphrase")))
                .statusCode()).isEqualTo(422);
        assertThat(browser.postForm("/logout", List.of()).statusCode()).isEqualTo(303);
        TestThrottle.forgetLocalAddress(services);
    }

    private static List<AuditEvent> accountEvents(long tenantId, User person) {
        return ACCOUNT_ACTIONS.stream()
                .flatMap(action -> TestAudit.events(services, tenantId, action, person.email()).stream()).toList();
    }

    @Test
    void a_members_sign_ins_and_tokens_go_to_the_platform_log_and_to_none_of_their_services() {
        User person = TestUsers.member(services, first, Role.CASEWORKER, false);
        TestUsers.join(services, person, second, Role.VIEWER, false);

        actAsThePerson(person);

        assertThat(accountEvents(first.id().value(), person)).isEmpty();
        assertThat(accountEvents(second.id().value(), person)).isEmpty();
        assertThat(accountEvents(AuditLog.PLATFORM_TENANT, person)).extracting(AuditEvent::action)
                .containsExactlyInAnyOrderElementsOf(ACCOUNT_ACTIONS);
        assertThat(accountEvents(AuditLog.PLATFORM_TENANT, person)).allSatisfy(event -> {
            assertThat(event.targetId()).isEqualTo(Long.toString(person.id()));
            assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
        });
        // Nor does the service's audit page show them; the super-admin's platform log does.
        String serviceLog = adminOfFirst.get("/t/" + first.slug() + "/admin/audit?actor=" + person.email()).body();
        assertThat(serviceLog).doesNotContain("<code>login.").doesNotContain("<code>token.").doesNotContain("<code>logout");
        assertThat(superAdmin.get("/admin/audit?actor=" + person.email() + "&action=login.succeeded").body())
                .contains("<code>login.succeeded</code>");
    }

    @Test
    void a_deactivated_member_keeps_signing_in_elsewhere_and_the_service_that_dropped_them_sees_none_of_it() {
        User person = TestUsers.member(services, first, Role.CASEWORKER, false);
        TestUsers.join(services, person, second, Role.CASEWORKER, false);
        HttpResponse<String> deactivated = adminOfFirst.postForm("/t/" + first.slug() + "/admin/users/" + person.id(),
                List.of(Map.entry("role", "caseworker")));
        assertThat(deactivated.statusCode()).isEqualTo(303);
        assertThat(services.accounts().activeMembership(first.id(), person.id())).isEmpty();

        actAsThePerson(person);

        assertThat(accountEvents(first.id().value(), person)).isEmpty();
        assertThat(accountEvents(second.id().value(), person)).isEmpty();
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "login.succeeded", person.email())).hasSize(1);
        // What the first service did about the person stays in its own log.
        assertThat(TestAudit.events(services, first.id().value(), "membership.deactivated", adminOfFirstEmail()))
                .extracting(AuditEvent::targetId).contains(Long.toString(person.id()));
    }

    private static String adminOfFirstEmail() {
        return services.accounts().members(first.id()).stream()
                .filter(member -> member.membership().role() == Role.ADMIN).findFirst().orElseThrow().user().email();
    }
}
