package org.dossier.offboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.TenantCommandTestHook;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Suspending a service shuts its members out at once (sign-in, pages, API, open sessions and
 * tokens) and keeps its data; resuming gives everything back. Driven as a super-admin does: the
 * services page, the API and the command line.
 */
@Tag("integration")
class SuspendServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Services services;
    private Tenant service;
    private User caseworker;
    private CaseRecord record;
    private User superAdmin;
    private TestClient superAdminBrowser;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        service = TestTenants.withBaseForm(services, "suspend");
        caseworker = TestUsers.member(services, service, Role.CASEWORKER, true);
        record = services.records().create(service.id(), FormService.CASE_FILE, TestRecords.validData("Suspendu"),
                new Actor(caseworker.email(), "127.0.0.1"), Locale.FRENCH);
        superAdmin = TestUsers.superAdmin(services);
        superAdminBrowser = TestClient.browser(superAdmin);
    }

    private HttpResponse<String> suspendFromThePage(Tenant tenant, String reason) {
        return superAdminBrowser.postForm("/admin/services/" + tenant.slug() + "/suspend", List.of(Map.entry("reason", reason)));
    }

    private boolean suspended(Tenant tenant) {
        return services.tenants().require(tenant.slug()).suspended();
    }

    private long throttleFailures(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COALESCE(SUM(failures), 0) FROM login_throttle WHERE throttle_key = :key")
                .bind("key", LoginThrottle.accountKey(user.email())).mapTo(Long.class).one());
    }

    @Test
    void a_member_of_a_suspended_service_cannot_sign_in_and_is_told_why_and_the_refusal_is_audited() {
        assertThat(TestLogin.post(caseworker.email(), "wrong password!", null).statusCode()).isEqualTo(401);
        assertThat(throttleFailures(caseworker)).isEqualTo(1);

        HttpResponse<String> suspendedPage = suspendFromThePage(service, "Convention échue");
        assertThat(suspendedPage.statusCode()).isEqualTo(200);
        assertThat(suspendedPage.body()).contains("est suspendu : ses membres ne peuvent plus");

        HttpResponse<String> login = TestLogin.post(caseworker.email(), TestUsers.PASSWORD, null);
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.body()).contains("Votre service est suspendu : vous ne pouvez pas vous connecter pour le moment.");
        assertThat(TestLogin.setCookie(login, TestLogin.SESSION_COOKIE)).isEmpty();
        HttpResponse<String> english = TestLogin.post(caseworker.email(), TestUsers.PASSWORD, null, "Accept-Language", "en");
        assertThat(english.body()).contains("Your service is suspended: you cannot sign in for now.");
        // Neither counted as a failure nor clearing the earlier one.
        assertThat(throttleFailures(caseworker)).isEqualTo(1);
        // A wrong password still gets the usual answer: suspension is said only to who knows the password.
        HttpResponse<String> wrong = TestLogin.post(caseworker.email(), "wrong password!", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("suspendu");
        assertThat(throttleFailures(caseworker)).isEqualTo(2);

        HttpResponse<String> token = TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", caseworker.email()).put("password", TestUsers.PASSWORD).toString());
        assertThat(token.statusCode()).isEqualTo(403);
        assertThat(TestClient.json(token).at("/errors/0/code").asText()).isEqualTo("servicesSuspended");
        assertThat(token.body()).doesNotContain("\"token\"");

        List<AuditEvent> refused = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "login.refused", caseworker.email());
        assertThat(refused).hasSize(3);
        assertThat(TestAudit.details(refused.get(0))).containsEntry("reason", "servicesSuspended");
        List<AuditEvent> platform = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.suspended", superAdmin.email());
        assertThat(platform).anySatisfy(event -> {
            assertThat(event.targetId()).isEqualTo(service.id().toString());
            assertThat(TestAudit.details(event)).containsEntry("slug", service.slug()).containsEntry("reason", "Convention échue");
        });
        assertThat(TestAudit.events(services, service.id().value(), "tenant.suspended", superAdmin.email())).hasSize(1);
    }

    @Test
    void open_sessions_and_tokens_are_refused_403_on_every_page_and_call_from_the_next_request() {
        TestClient browser = TestClient.browser(caseworker);
        TestClient script = TestClient.api(services, caseworker);
        String recordsPage = "/t/" + service.slug() + "/records";
        String recordsApi = "/api/v1/tenants/" + service.slug() + "/records";
        assertThat(browser.get(recordsPage).statusCode()).isEqualTo(200);
        assertThat(script.get(recordsApi).statusCode()).isEqualTo(200);

        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);

        HttpResponse<String> page = browser.get(recordsPage + "/" + record.id());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Ce service est suspendu par l&#39;administration de la plateforme")
                .doesNotContain("Suspendu</"); // the case file's last name never shows
        assertThat(browser.get(recordsPage + "?lang=en").body()).contains("This service has been suspended");
        HttpResponse<String> post = browser.postForm(recordsPage, TestRecords.validPost("Pendant"));
        assertThat(post.statusCode()).isEqualTo(403);

        HttpResponse<String> api = script.get(recordsApi + "/" + record.id());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(TestClient.json(api).at("/errors/0/code").asText()).isEqualTo("serviceSuspended");
        assertThat(TestClient.json(api).at("/errors/0/message").asText()).startsWith("Ce service est suspendu");
        ObjectMapper mapper = services.mapper();
        HttpResponse<String> created = script.postJson(recordsApi, mapper.createObjectNode().put("form", "dossier")
                .set("data", TestRecords.validData("Pendant")).toString());
        assertThat(created.statusCode()).isEqualTo(403);
        assertThat(TableDump.remaining(services, service.id())).containsEntry("records", 1L);

        // Still signed in: the person's own pages work, and the home page says why the service is closed.
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(service.name()).contains("suspendu").doesNotContain("href=\"" + recordsPage + "\"");
    }

    @Test
    void a_member_of_two_services_signs_in_and_keeps_working_in_the_active_one() {
        Tenant other = TestTenants.withBaseForm(services, "suspend-other");
        TestUsers.join(services, caseworker, other, Role.CASEWORKER, false);
        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);

        HttpResponse<String> login = TestLogin.post(caseworker.email(), TestUsers.PASSWORD, null);
        assertThat(login.statusCode()).isEqualTo(303);
        TestClient browser = TestClient.browser(caseworker);
        assertThat(browser.get("/t/" + other.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(browser.get("/t/" + service.slug() + "/records").statusCode()).isEqualTo(403);
        assertThat(TestClient.api(services, caseworker).get("/api/v1/tenants/" + other.slug() + "/records").statusCode())
                .isEqualTo(200);
        String home = browser.get("/").body();
        assertThat(home).contains("href=\"/t/" + other.slug() + "/records\"")
                .doesNotContain("href=\"/t/" + service.slug() + "/records\"");
    }

    @Test
    void a_non_member_still_gets_404_so_suspension_tells_nothing_about_a_service() {
        Tenant other = TestTenants.withBaseForm(services, "suspend-stranger");
        TestClient stranger = TestClient.browser(TestUsers.member(services, other, Role.ADMIN, true));
        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);

        HttpResponse<String> page = stranger.get("/t/" + service.slug() + "/records");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("suspendu");
    }

    @Test
    void resuming_gives_back_every_page_call_and_row_as_it_was() {
        TestClient script = TestClient.api(services, caseworker);
        com.fasterxml.jackson.databind.node.ObjectNode customisation = services.mapper().createObjectNode();
        customisation.putObject("fields").putObject("accompagnement.antenne").put("hidden", true);
        services.designer().saveDraft(service.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
        Map<String, List<String>> before = TableDump.ofTenant(services, service.id());

        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);
        assertThat(script.get("/api/v1/tenants/" + service.slug() + "/records/" + record.id()).statusCode()).isEqualTo(403);
        HttpResponse<String> resumed = superAdminBrowser.postForm("/admin/services/" + service.slug() + "/resume", List.of());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).contains("est rétabli");

        assertThat(suspended(service)).isFalse();
        HttpResponse<String> api = script.get("/api/v1/tenants/" + service.slug() + "/records/" + record.id());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(api).get("data")).isEqualTo(record.data());
        TestClient browser = TestClient.browser(caseworker);
        assertThat(browser.get("/t/" + service.slug() + "/records/" + record.id()).body()).contains("Suspendu");
        // Every row of the service is as it was, but for the audit events the suspension and the calls added.
        Map<String, List<String>> after = TableDump.ofTenant(services, service.id());
        before.remove("audit_events");
        after.remove("audit_events");
        // The head of the service's audit chain moves with every event.
        before.remove("audit_chain_heads");
        after.remove("audit_chain_heads");
        after.put("sessions", before.get("sessions"));
        after.put("api_tokens", before.get("api_tokens"));
        // The status is back; only the time it last changed moved.
        after.put("tenants", after.get("tenants").stream()
                .map(row -> row.replaceAll("status_changed_at=[^,}\\]]*", "status_changed_at=null")).toList());
        assertThat(after).isEqualTo(before);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.resumed", superAdmin.email()))
                .anySatisfy(event -> assertThat(event.targetId()).isEqualTo(service.id().toString()));
    }

    @Test
    void the_super_admin_still_lists_a_suspended_service_and_reads_its_audit_log_but_nothing_else() {
        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);

        String list = superAdminBrowser.get("/admin/services").body();
        assertThat(list).contains("<code>" + service.slug() + "</code>")
                .contains("action=\"/admin/services/" + service.slug() + "/resume\"")
                .contains("href=\"/admin/services/" + service.slug() + "/delete\"")
                .doesNotContain("action=\"/admin/services/" + service.slug() + "/suspend\"");
        assertThat(superAdminBrowser.get("/t/" + service.slug() + "/admin/audit").statusCode()).isEqualTo(200);
        assertThat(superAdminBrowser.get("/t/" + service.slug() + "/admin/users").statusCode()).isEqualTo(403);
        assertThat(superAdminBrowser.postForm("/t/" + service.slug() + "/admin/users", List.of(
                Map.entry("email", "pendant@test.example"), Map.entry("name", "Pendant"), Map.entry("role", "admin")))
                .statusCode()).isEqualTo(403);
        assertThat(services.accounts().findByEmail("pendant@test.example")).isEmpty();
    }

    @Test
    void a_second_suspension_or_a_resumption_of_an_active_service_is_refused_with_a_message() {
        assertThat(suspendFromThePage(service, "").statusCode()).isEqualTo(200);
        HttpResponse<String> again = suspendFromThePage(service, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Ce service est déjà suspendu.");
        assertThat(superAdminBrowser.postForm("/admin/services/" + service.slug() + "/resume", List.of()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> notSuspended = superAdminBrowser.postForm("/admin/services/" + service.slug() + "/resume",
                List.of());
        assertThat(notSuspended.statusCode()).isEqualTo(409);
        assertThat(notSuspended.body()).contains("Ce service n&#39;est pas suspendu.");
        HttpResponse<String> tooLong = suspendFromThePage(service, "x".repeat(501));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(suspended(service)).isFalse();
        assertThat(superAdminBrowser.postForm("/admin/services/nulle-part/suspend", List.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void the_api_and_the_command_line_suspend_and_resume_too() {
        TestClient script = TestClient.api(services, superAdmin);
        HttpResponse<String> suspendedByApi = script.postJson("/api/v1/tenants/" + service.slug() + "/suspend",
                "{\"reason\":\"Contrôle\"}");
        assertThat(suspendedByApi.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(suspendedByApi).get("status").asText()).isEqualTo("suspended");
        assertThat(suspended(service)).isTrue();
        HttpResponse<String> again = script.postJson("/api/v1/tenants/" + service.slug() + "/suspend", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(again).at("/errors/0/code").asText()).isEqualTo("alreadySuspended");
        assertThat(script.postJson("/api/v1/tenants/" + service.slug() + "/resume", "{\"force\":true}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> resumedByApi = script.send("POST", "/api/v1/tenants/" + service.slug() + "/resume", null, null);
        assertThat(resumedByApi.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(resumedByApi).get("status").asText()).isEqualTo("active");
        assertThat(script.postJson("/api/v1/tenants/nulle-part/resume", "{}").statusCode()).isEqualTo(404);

        assertThat(run("suspend", "--slug", service.slug(), "--reason", "Fin de convention")).contains("Suspended service");
        assertThat(suspended(service)).isTrue();
        assertThat(TestClient.api(services, caseworker).get("/api/v1/tenants/" + service.slug() + "/records").statusCode())
                .isEqualTo(403);
        assertThat(run("resume", "--slug", service.slug())).contains("Resumed service");
        assertThat(suspended(service)).isFalse();
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.suspended", "cli:tenant-suspend"))
                .anySatisfy(event -> assertThat(TestAudit.details(event)).containsEntry("reason", "Fin de convention"));
    }

    /** Runs a {@code tenant} command, which must succeed, and returns what it printed. */
    private String run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = switch (command) {
                case "suspend" -> TenantCommandTestHook.suspendCommand(services).execute(args);
                case "resume" -> TenantCommandTestHook.resumeCommand(services).execute(args);
                default -> throw new IllegalArgumentException(command);
            };
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
