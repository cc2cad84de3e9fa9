package org.dossier.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The audit log pages: a service's for its admin, the whole platform's for a super-admin. Events
 * are written at chosen past times, each with its own target, so a page shows or omits each one.
 */
@Tag("integration")
class AuditPagesTest {
    private static final String MARK = "audit" + ProcessHandle.current().pid() + "x" + System.nanoTime();
    private static final String ALICE = "alice-" + MARK + "@test.example";
    private static final String BOB = "bob-" + MARK + "@test.example";
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;
    private static User admin;
    private static TestClient adminBrowser;
    private static TestClient superAdminBrowser;
    private static String log;

    /** The seeded events, by the target each one carries. */
    private static final String A1 = MARK + "-a1";
    private static final String A2 = MARK + "-a2";
    private static final String A3 = MARK + "-a3";
    private static final String A4 = MARK + "-a4";
    private static final String A5 = MARK + "-a5";
    private static final String B1 = MARK + "-b1";
    private static final String P1 = MARK + "-p1";
    private static final List<String> ALL = List.of(A1, A2, A3, A4, A5, B1, P1);

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "auditpages");
        other = TestTenants.withBaseForm(services, "auditpages-other");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        adminBrowser = TestClient.browser(admin);
        superAdminBrowser = TestClient.browser(TestUsers.superAdmin(services));
        log = "/t/" + tenant.slug() + "/admin/audit";
        long a = tenant.id().value();
        TestAudit.insert(services, a, Instant.parse("2024-01-15T10:00:00Z"), ALICE, "record.created", A1);
        TestAudit.insert(services, a, Instant.parse("2024-01-20T10:00:00Z"), BOB, "record.updated", A2);
        // 00:30 on 1 February in Paris, where the day filters are read.
        TestAudit.insert(services, a, Instant.parse("2024-01-31T23:30:00Z"), ALICE, "record.updated", A3);
        TestAudit.insert(services, a, Instant.parse("2024-02-10T10:00:00Z"), ALICE, "record.deleted", A4);
        // 23:30 on 31 January in Paris.
        TestAudit.insert(services, a, Instant.parse("2024-01-31T22:30:00Z"), BOB, "record.created", A5);
        TestAudit.insert(services, other.id().value(), Instant.parse("2024-01-15T10:00:00Z"), ALICE, "record.created", B1);
        TestAudit.insert(services, AuditLog.PLATFORM_TENANT, Instant.parse("2024-01-15T11:00:00Z"), ALICE,
                "tenant.created", P1);
    }

    private static String query(String... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** The seeded events a page shows, by target, in the page's order. */
    private static List<String> shown(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        return ALL.stream().filter(target -> page.body().contains(cell(target)))
                .sorted(Comparator.comparingInt(target -> page.body().indexOf(cell(target)))).toList();
    }

    private static String cell(String target) {
        return "<td>record " + target + "</td>";
    }

    @Test
    void an_admin_filters_the_service_log_by_actor() {
        assertThat(shown(adminBrowser.get(log + query("actor", ALICE)))).containsExactly(A4, A3, A1);
        assertThat(shown(adminBrowser.get(log + query("actor", BOB)))).containsExactly(A5, A2);
    }

    @Test
    void an_admin_filters_the_service_log_by_action() {
        assertThat(shown(adminBrowser.get(log + query("action", "record.updated")))).containsExactly(A3, A2);
        assertThat(shown(adminBrowser.get(log + query("action", "record.created", "actor", BOB)))).containsExactly(A5);
    }

    @Test
    void an_admin_filters_the_service_log_by_days_of_paris_time() {
        assertThat(shown(adminBrowser.get(log + query("from", "2024-01-01", "to", "2024-01-31"))))
                .containsExactly(A5, A2, A1);
        assertThat(shown(adminBrowser.get(log + query("from", "2024-02-01", "to", "2024-02-01")))).containsExactly(A3);
        assertThat(shown(adminBrowser.get(log + query("from", "2024-02-02")))).containsExactly(A4);
        assertThat(shown(adminBrowser.get(log + query("to", "2024-01-16")))).containsExactly(A1);
        assertThat(shown(adminBrowser.get(log + query("actor", ALICE, "action", "record.updated", "from", "2024-01-01",
                "to", "2024-02-29")))).containsExactly(A3);
    }

    @Test
    void an_admin_sees_the_service_events_the_application_wrote_and_never_another_service_or_the_platform() {
        List<String> all = shown(adminBrowser.get(log));
        assertThat(all).containsExactly(A4, A3, A5, A2, A1);
        assertThat(shown(adminBrowser.get(log + query("actor", ALICE, "action", "record.created")))).containsExactly(A1);

        // The admin signed in to read this page: that sign-in is the account's, in the platform log only.
        String logins = adminBrowser.get(log + query("actor", admin.email(), "action", "login.succeeded")).body();
        assertThat(logins).doesNotContain("<code>login.succeeded</code>");
        assertThat(superAdminBrowser.get("/admin/audit" + query("actor", admin.email(), "action", "login.succeeded")).body())
                .contains("<code>login.succeeded</code>").contains("<td>user " + admin.id() + "</td>");
        assertThat(adminBrowser.get(log).body()).doesNotContain(other.name()).doesNotContain(other.slug());
    }

    @Test
    void only_an_admin_of_the_service_or_a_super_admin_reads_its_log() {
        for (Role role : List.of(Role.CASEWORKER, Role.VIEWER)) {
            TestClient member = TestClient.browser(TestUsers.member(services, tenant, role, true));
            assertThat(member.get(log).statusCode()).as(role.key()).isEqualTo(403);
        }
        TestClient adminOfOther = TestClient.browser(TestUsers.member(services, other, Role.ADMIN, true));
        assertThat(adminOfOther.get(log).statusCode()).isEqualTo(404);

        assertThat(shown(superAdminBrowser.get(log + query("actor", ALICE)))).as("a super-admin who is not a member")
                .containsExactly(A4, A3, A1);
    }

    @Test
    void the_super_admin_log_shows_every_service_and_the_platform() {
        HttpResponse<String> page = superAdminBrowser.get("/admin/audit" + query("actor", ALICE));

        assertThat(shown(page)).containsExactlyInAnyOrder(A1, A3, A4, B1, P1);
        assertThat(page.body()).contains("<td>" + tenant.name() + "</td>").contains("<td>" + other.name() + "</td>");
        assertThat(shown(superAdminBrowser.get("/admin/audit" + query("actor", ALICE, "from", "2024-01-15",
                "to", "2024-01-15")))).containsExactlyInAnyOrder(A1, B1, P1);
    }

    @Test
    void the_platform_log_is_for_super_admins_only() {
        assertThat(adminBrowser.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(adminBrowser.get("/admin/audit").body()).doesNotContain(B1).doesNotContain(P1);
        assertThat(TestClient.anonymous().get("/admin/audit").statusCode()).isEqualTo(303);
    }
}
