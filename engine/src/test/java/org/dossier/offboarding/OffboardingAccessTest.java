package org.dossier.offboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.auth.AccessRoutes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Only a super-admin runs a service's lifecycle: its own admin, any other member, and anonymous
 * callers are refused on every lifecycle route, by page and by API, and nothing changes.
 */
@Tag("integration")
class OffboardingAccessTest {

    @Test
    void no_member_of_a_service_not_even_its_admin_may_suspend_resume_or_delete_it() {
        Services services = TestDatabase.services();
        Tenant service = TestTenants.withBaseForm(services, "cycle-acces");
        services.records().create(service.id(), "dossier", TestRecords.validData("Protegezyx"),
                org.dossier.audit.Actor.system("test"), java.util.Locale.FRENCH);
        List<AccessRoutes.Rule> lifecycle = TestServer.rules().stream()
                .filter(rule -> rule.path().contains("{slug}")).toList();
        assertThat(lifecycle).as("platform routes on one service").hasSize(12).allSatisfy(rule -> assertThat(rule.access()).isEqualTo(AccessRoutes.Access.PLATFORM));

        for (boolean suspended : List.of(false, true)) {
            if (suspended) {
                services.suspension().suspend(service.slug(), "", org.dossier.audit.Actor.system("test"));
            }
            for (Role role : Role.values()) {
                User member = TestUsers.member(services, service, role, true);
                TestClient browser = suspended ? null : TestClient.browser(member);
                TestClient script = TestClient.api(services, member);
                for (AccessRoutes.Rule rule : lifecycle) {
                    String url = rule.path().replace("{slug}", service.slug());
                    boolean api = url.startsWith("/api/");
                    if (!api && browser == null) {
                        continue; // a member of a suspended service cannot sign in to get a browser session
                    }
                    HttpResponse<String> answer = call(api ? script : browser, rule, url, service.slug());
                    assertThat(answer.statusCode()).as(role + " " + rule.method() + " " + url).isEqualTo(403);
                }
            }
            for (AccessRoutes.Rule rule : lifecycle) {
                String url = rule.path().replace("{slug}", service.slug());
                assertThat(call(TestClient.anonymous(), rule, url, service.slug()).statusCode())
                        .as("anonymous " + rule.method() + " " + url).isIn(303, 401);
            }
            assertThat(services.tenants().require(service.slug()).suspended()).isEqualTo(suspended);
            assertThat(services.tenants().require(service.slug()).template()).isFalse();
        }
        assertThat(TableDump.remaining(services, service.id())).containsEntry("records", 1L).containsKey("form_versions");
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.deleted", "test")).isEmpty();
    }

    /** Calls a lifecycle route with what would be a valid request from a super-admin. */
    private static HttpResponse<String> call(TestClient client, AccessRoutes.Rule rule, String url, String slug) {
        return switch (rule.method().name()) {
            case "GET" -> client.get(url);
            case "DELETE" -> client.send("DELETE", url, "application/json", "{\"confirm\":\"" + slug + "\"}");
            default -> url.startsWith("/api/") ? client.postJson(url, "{}")
                    : client.postForm(url, List.of(Map.entry("confirm", slug), Map.entry("reason", "")));
        };
    }
}
