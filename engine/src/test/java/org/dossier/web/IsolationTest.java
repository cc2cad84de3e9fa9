package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestRoutes;
import org.dossier.Services;
import org.dossier.account.Permission;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.auth.AccessRoutes.Access;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The isolation suite. It lists every route the running app registered, requires each to be
 * classified, and calls every tenant route across services, anonymously and with each role that
 * lacks the route's permission. No such call may succeed or return a byte of the other
 * service's data, and confidential values never reach a member without the grant.
 */
@Tag("integration")
class IsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The classification this suite knows. A route added to the app without being added here
     * fails {@link #every_registered_route_is_classified_and_guarded_as_declared()}: whoever adds
     * it must decide who may call it, and the cross-tenant calls below then cover it.
     */
    private static final Map<String, Access> KNOWN = known();

    private static Services services;
    private static Tenant a;
    private static Tenant b;
    private static Map<Role, User> membersOfA;
    private static Map<Role, TestClient> browsersOfA;
    private static Map<Role, TestClient> scriptsOfA;
    private static User adminOfA;
    private static User adminOfB;
    private static User caseworkerWithoutGrantOfA;
    private static CaseRecord recordOfA;
    private static CaseRecord recordOfB;
    /** Strings that only B's data holds: none may appear in any answer to a member of A. */
    private static List<String> secretsOfB;
    private static final String B_NAME_MARK = "Bzyxwv";
    private static final String B_NOTE_MARK = "Bnoteqrs";
    private static final String B_FIRST_NAME_MARK = "Bprenomuvw";
    private static final String A_NOTE_MARK = "Anoteconfidentielle";
    private static final String B_FILE_MARK = "Bpiecejointe";
    /** A file of B's case file: its download by any route of A must answer nothing. */
    private static String attachmentOfB;
    /** A's own file, which every GET route of A's own case file may show. */
    private static String attachmentOfA;

    private static Map<String, Access> known() {
        Map<String, Access> known = new LinkedHashMap<>();
        known.put("GET /health/live", Access.PUBLIC);
        known.put("GET /health/ready", Access.PUBLIC);
        known.put("GET /metrics", Access.PUBLIC); // its own bearer token (DOSSIER_METRICS_TOKEN), see MetricsTest
        known.put("GET /login", Access.PUBLIC);
        known.put("POST /login", Access.PUBLIC);
        known.put("POST /api/v1/auth/token", Access.PUBLIC);
        known.put("GET /auth/oidc/start", Access.PUBLIC);
        known.put("GET /auth/oidc/callback", Access.PUBLIC);
        known.put("GET /", Access.AUTHENTICATED);
        known.put("POST /logout", Access.AUTHENTICATED);
        known.put("GET /account", Access.AUTHENTICATED);
        known.put("GET /account/password", Access.AUTHENTICATED);
        known.put("POST /account/password", Access.AUTHENTICATED);
        known.put("GET /account/tokens", Access.AUTHENTICATED);
        known.put("POST /account/tokens", Access.AUTHENTICATED);
        known.put("POST /account/tokens/{tokenId}/revoke", Access.AUTHENTICATED);
        known.put("POST /account/invitations/{service}/accept", Access.AUTHENTICATED);
        known.put("POST /account/invitations/{service}/decline", Access.AUTHENTICATED);
        known.put("POST /session/extend", Access.AUTHENTICATED);
        known.put("GET /t/{tenant}/brand.css", Access.TENANT);
        known.put("GET /t/{tenant}/logo", Access.TENANT);
        known.put("GET /t/{tenant}/admin/branding", Access.TENANT);
        known.put("POST /t/{tenant}/admin/branding", Access.TENANT);
        known.put("GET /t/{tenant}/admin/referent", Access.TENANT);
        known.put("POST /t/{tenant}/admin/referent", Access.TENANT);
        known.put("GET /t/{tenant}/records", Access.TENANT);
        known.put("GET /t/{tenant}/records/export", Access.TENANT);
        known.put("GET /t/{tenant}/admin/imports", Access.TENANT);
        known.put("POST /t/{tenant}/admin/imports", Access.TENANT);
        known.put("GET /t/{tenant}/admin/imports/{id}", Access.TENANT);
        known.put("POST /t/{tenant}/admin/imports/{id}", Access.TENANT);
        known.put("GET /t/{tenant}/admin/imports/{id}/errors.csv", Access.TENANT);
        known.put("POST /t/{tenant}/records", Access.TENANT);
        known.put("GET /t/{tenant}/records/new", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/edit", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/merge", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/merge", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/sections/{section}", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/sections/{section}", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/follow-up", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/follow-up", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/erase", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/erase", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/reactivate", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/reactivate", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/hold", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/hold", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/hold/lift", Access.TENANT);
        known.put("POST /t/{tenant}/records/{id}/hold/lift", Access.TENANT);
        known.put("GET /t/{tenant}/evictions", Access.TENANT);
        known.put("GET /t/{tenant}/dashboard", Access.TENANT);
        known.put("GET /t/{tenant}/admin/users", Access.TENANT);
        known.put("POST /t/{tenant}/admin/users", Access.TENANT);
        known.put("GET /t/{tenant}/admin/users/{userId}", Access.TENANT);
        known.put("POST /t/{tenant}/admin/users/{userId}", Access.TENANT);
        known.put("POST /t/{tenant}/admin/users/{userId}/withdraw", Access.TENANT);
        known.put("GET /t/{tenant}/admin/audit", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/custom-fields", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/custom-fields/{key}", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/custom-fields/{key}", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/custom-fields/{key}/remove", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/preview", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/preview", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/publish", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/publish", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/history", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/history/{version}/restore", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/updates", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/updates", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/forms/{form}", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/export", Access.TENANT);
        known.put("POST /api/v1/tenants/{tenant}/records/imports", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/imports/{id}", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/imports/{id}/errors.csv", Access.TENANT);
        known.put("POST /api/v1/tenants/{tenant}/records", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/{id}", Access.TENANT);
        known.put("PUT /api/v1/tenants/{tenant}/records/{id}", Access.TENANT);
        known.put("DELETE /api/v1/tenants/{tenant}/records/{id}", Access.TENANT);
        known.put("GET /admin/services", Access.PLATFORM);
        known.put("POST /admin/services", Access.PLATFORM);
        known.put("POST /admin/services/clone", Access.PLATFORM);
        known.put("POST /admin/services/{slug}/template", Access.PLATFORM);
        known.put("POST /api/v1/tenants", Access.PLATFORM);
        known.put("GET /admin/audit", Access.PLATFORM);
        known.put("GET /admin/audit/verify", Access.PLATFORM);
        known.put("GET /t/{tenant}/admin/audit/verify", Access.TENANT);
        known.put("POST /admin/services/{slug}/suspend", Access.PLATFORM);
        known.put("POST /admin/services/{slug}/resume", Access.PLATFORM);
        known.put("GET /admin/services/{slug}/delete", Access.PLATFORM);
        known.put("POST /admin/services/{slug}/delete", Access.PLATFORM);
        known.put("GET /admin/services/{slug}/retention", Access.PLATFORM);
        known.put("POST /admin/services/{slug}/retention", Access.PLATFORM);
        known.put("POST /api/v1/tenants/{slug}/suspend", Access.PLATFORM);
        known.put("POST /api/v1/tenants/{slug}/resume", Access.PLATFORM);
        known.put("DELETE /api/v1/tenants/{slug}", Access.PLATFORM);
        known.put("GET /t/{tenant}/admin/lifecycle", Access.TENANT);
        known.put("GET /admin/lifecycle", Access.PLATFORM);
        known.put("GET /t/{tenant}/admin/register", Access.TENANT);
        known.put("GET /t/{tenant}/admin/register.pdf", Access.TENANT);
        known.put("GET /t/{tenant}/admin/register.json", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/register", Access.TENANT);
        known.put("GET /t/{tenant}/admin/register/controller", Access.TENANT);
        known.put("POST /t/{tenant}/admin/register/controller", Access.TENANT);
        known.put("GET /admin/register", Access.PLATFORM);
        known.put("GET /admin/register/{slug}/controller", Access.PLATFORM);
        known.put("POST /admin/register/{slug}/controller", Access.PLATFORM);
        known.put("GET /admin/stats", Access.PLATFORM);
        known.put("GET /admin/stats/services.csv", Access.PLATFORM);
        known.put("GET /admin/stats/months.csv", Access.PLATFORM);
        known.put("GET /admin/stats/breakdowns.csv", Access.PLATFORM);
        known.put("GET /t/{tenant}/records/{id}/history", Access.TENANT);
        known.put("GET /t/{tenant}/admin/access", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/access", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/access.json", Access.TENANT);
        known.put("GET /t/{tenant}/records/{id}/access.zip", Access.TENANT);
        // Forms as files
        known.put("GET /t/{tenant}/admin/form/files", Access.TENANT);
        known.put("POST /t/{tenant}/admin/form/files", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/files/definition.json", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/files/customisation.json", Access.TENANT);
        known.put("GET /t/{tenant}/admin/form/files/draft.json", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/forms/{form}/definition", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/forms/{form}/customisation", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/forms/{form}/draft", Access.TENANT);
        known.put("PUT /api/v1/tenants/{tenant}/forms/{form}/draft", Access.TENANT);
        known.put("POST /api/v1/tenants/{tenant}/forms/{form}/publish", Access.TENANT);
        known.put("GET /admin/services/import", Access.PLATFORM);
        known.put("POST /admin/services/import", Access.PLATFORM);
        known.put("POST /api/v1/tenants/from-definition", Access.PLATFORM);
        known.put("GET /t/{tenant}/records/{id}/attachments/{attachment}", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/{id}/attachments", Access.TENANT);
        known.put("POST /api/v1/tenants/{tenant}/records/{id}/attachments", Access.TENANT);
        known.put("GET /api/v1/tenants/{tenant}/records/{id}/attachments/{attachment}", Access.TENANT);
        // The API described: public, read-only, no service's data
        known.put("GET /api/openapi.json", Access.PUBLIC);
        known.put("GET /api/docs", Access.PUBLIC);
        return known;
    }

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        a = TestTenants.withBaseForm(services, "iso-a");
        b = TestTenants.withBaseForm(services, "iso-b");
        membersOfA = new LinkedHashMap<>();
        browsersOfA = new LinkedHashMap<>();
        scriptsOfA = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            // Only the admin holds the grant here, so that caseworker and viewer both lack it.
            User user = TestUsers.member(services, a, role, role == Role.ADMIN);
            membersOfA.put(role, user);
            browsersOfA.put(role, TestClient.browser(user));
            scriptsOfA.put(role, TestClient.api(services, user));
        }
        adminOfA = membersOfA.get(Role.ADMIN);
        caseworkerWithoutGrantOfA = membersOfA.get(Role.CASEWORKER);
        adminOfB = TestUsers.member(services, b, Role.ADMIN, true);
        attachmentOfA = stagedPdf(a, "piece-de-a");
        ObjectNode dataOfA = data("Martin", "Claire", A_NOTE_MARK);
        ((ObjectNode) dataOfA.get("accompagnement")).putArray("pieces_justificatives").add(attachmentOfA);
        recordOfA = services.records().create(a.id(), FormService.CASE_FILE, dataOfA, Actor.system("test"), Locale.FRENCH);
        attachmentOfB = stagedPdf(b, B_FILE_MARK);
        ObjectNode dataOfB = data(B_NAME_MARK, B_FIRST_NAME_MARK, B_NOTE_MARK);
        ((ObjectNode) dataOfB.get("accompagnement")).putArray("pieces_justificatives").add(attachmentOfB);
        recordOfB = services.records().create(b.id(), FormService.CASE_FILE, dataOfB, Actor.system("test"), Locale.FRENCH);
        // Both services have a logo, so the logo route has something to serve (or to leak).
        for (Tenant tenant : List.of(a, b)) {
            services.logos().save(tenant.id(), org.dossier.branding.Logo.check(
                    org.dossier.branding.LogoTest.image("png", 32, 32)), "test");
            services.tenants().logoChanged(tenant.id(), true);
        }
        secretsOfB = List.of(B_NAME_MARK, B_FIRST_NAME_MARK, B_NOTE_MARK, adminOfB.email(), b.name(), B_FILE_MARK);
    }

    /** A PDF staged for the base form's file field, named after {@code name}. */
    private static String stagedPdf(Tenant tenant, String name) {
        return services.attachments().stage(tenant.id(), List.of(new org.dossier.attachment.AttachmentService.Upload(
                "/accompagnement/pieces_justificatives", name + ".pdf",
                ("%PDF-1.4\n% " + name + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Actor.system("test"), Locale.FRENCH).staged().get(0).id();
    }

    private static ObjectNode data(String lastName, String firstName, String note) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-03-14");
        data.putObject("identite").put("nom", lastName).put("prenom", firstName).put("date_naissance", "1980-01-02");
        data.putObject("notes_confidentielles").put("contenu", note);
        return data;
    }

    // ---- classification ---------------------------------------------------------------------

    @Test
    void every_registered_route_is_classified_and_guarded_as_declared() {
        Set<String> registered = TestRoutes.registered();
        Map<String, Access> declared = TestServer.rules().stream()
                .collect(Collectors.toMap(IsolationTest::key, AccessRoutes.Rule::access));

        assertThat(registered).as("routes registered outside AccessRoutes").isEqualTo(declared.keySet());
        assertThat(declared).as("routes this suite does not know: classify them in KNOWN").isEqualTo(KNOWN);
        assertThat(TestServer.rules()).filteredOn(rule -> rule.access() == Access.TENANT).hasSizeGreaterThan(15);
    }

    private static String key(AccessRoutes.Rule rule) {
        return rule.method().name() + " " + rule.path();
    }

    // ---- across tenants ---------------------------------------------------------------------

    @Test
    void a_member_of_a_gets_nothing_of_b_by_any_tenant_route() {
        List<String> failures = new ArrayList<>();
        for (AccessRoutes.Rule rule : tenantRules()) {
            for (Role role : Role.values()) {
                // B's slug with B's ids, then A's slug with B's ids.
                check(failures, rule, role, url(rule, b, recordOfB, adminOfB), "B's slug");
                if (rule.path().contains("{id}") || rule.path().contains("{userId}")) {
                    check(failures, rule, role, url(rule, a, recordOfB, adminOfB), "A's slug, B's ids");
                }
            }
        }
        assertThat(failures).isEmpty();
        assertBUnchanged();
    }

    private static void check(List<String> failures, AccessRoutes.Rule rule, Role role, String url, String how) {
        HttpResponse<String> response = call(rule, client(rule, role), url);
        if (response.statusCode() < 300 || response.statusCode() >= 500) {
            failures.add(role + " " + rule.method().name() + " " + url + " (" + how + ") answered " + response.statusCode());
        }
        for (String secret : secretsOfB) {
            if (response.body().contains(secret)) {
                failures.add(role + " " + rule.method().name() + " " + url + " (" + how + ") leaked " + secret);
            }
        }
    }

    @Test
    void anonymous_callers_get_nothing_from_any_tenant_route() {
        List<String> failures = new ArrayList<>();
        for (AccessRoutes.Rule rule : tenantRules()) {
            for (Tenant tenant : List.of(a, b)) {
                String url = url(rule, tenant, tenant == a ? recordOfA : recordOfB, tenant == a ? adminOfA : adminOfB);
                HttpResponse<String> response = call(rule, TestClient.anonymous(), url);
                if (response.statusCode() < 300 || response.statusCode() >= 500) {
                    failures.add("anonymous " + rule.method().name() + " " + url + " answered " + response.statusCode());
                }
                if (rule.path().startsWith("/api/") && response.statusCode() != 401) {
                    failures.add("anonymous API " + rule.method().name() + " " + url + " answered " + response.statusCode());
                }
                for (String secret : List.of(B_NAME_MARK, B_NOTE_MARK, A_NOTE_MARK, "Martin", adminOfA.email())) {
                    if (response.body().contains(secret)) {
                        failures.add("anonymous " + rule.method().name() + " " + url + " leaked " + secret);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertBUnchanged();
    }

    @Test
    void each_role_lacking_the_permission_is_refused_403_in_its_own_service() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (AccessRoutes.Rule rule : tenantRules()) {
            for (Role role : Role.values()) {
                if (rule.permission() == null || role.allows(rule.permission())) {
                    continue;
                }
                checked++;
                String url = url(rule, a, recordOfA, adminOfA);
                HttpResponse<String> response = call(rule, client(rule, role), url);
                if (response.statusCode() != 403) {
                    failures.add(role + " " + rule.method().name() + " " + url + " answered " + response.statusCode());
                }
                if (response.body().contains(adminOfA.email()) || response.body().contains(A_NOTE_MARK)) {
                    failures.add(role + " " + rule.method().name() + " " + url + " leaked A's data");
                }
            }
        }
        assertThat(checked).as("role/route pairs lacking a permission").isGreaterThan(15);
        assertThat(failures).isEmpty();
        assertThat(services.records().get(a.id(), recordOfA.id()).lockVersion()).isEqualTo(1);
    }

    @Test
    void platform_routes_refuse_every_service_member() {
        for (AccessRoutes.Rule rule : TestServer.rules()) {
            if (rule.access() != Access.PLATFORM) {
                continue;
            }
            // The lifecycle routes name a service: B's, which a member of A must not be able to touch.
            String url = rule.path().replace("{slug}", b.slug());
            for (Role role : Role.values()) {
                HttpResponse<String> response = call(rule, rule.path().startsWith("/api/") ? scriptsOfA.get(role)
                        : browsersOfA.get(role), url);
                assertThat(response.statusCode()).as(role + " " + key(rule)).isEqualTo(403);
                assertThat(response.body()).doesNotContain(b.name());
            }
            assertThat(call(rule, TestClient.anonymous(), url).statusCode()).isIn(303, 401);
            assertThat(services.tenants().require(b.slug()).template()).as(key(rule)).isFalse();
        }
        assertThat(services.tenants().require(b.slug()).suspended()).isFalse();
        assertBUnchanged();
    }

    @Test
    void a_super_admin_who_is_not_a_member_reads_no_case_file() {
        User superAdmin = TestUsers.superAdmin(services);
        TestClient browser = TestClient.browser(superAdmin);
        TestClient script = TestClient.api(services, superAdmin);
        for (AccessRoutes.Rule rule : tenantRules()) {
            if (rule.permission() == null || rule.permission() == Permission.MANAGE_USERS
                    || rule.permission() == Permission.READ_AUDIT) {
                continue;
            }
            String url = url(rule, b, recordOfB, adminOfB);
            HttpResponse<String> response = call(rule, rule.path().startsWith("/api/") ? script : browser, url);
            assertThat(response.statusCode()).as(key(rule)).isEqualTo(403);
            assertThat(response.body()).doesNotContain(B_NAME_MARK).doesNotContain(B_NOTE_MARK);
        }
        assertBUnchanged();
    }

    @Test
    void search_and_paging_cannot_be_bent_towards_another_tenant() throws Exception {
        TestClient script = scriptsOfA.get(Role.ADMIN);
        TestClient browser = browsersOfA.get(Role.ADMIN);
        String base = "/api/v1/tenants/" + a.slug() + "/records";
        for (String query : List.of("?q=" + B_NAME_MARK, "?q=&page=1", "?q=&page=2", "?q=%25", "?tenant=" + b.slug(),
                "?tenant_id=" + b.id(), "?q=' OR tenant_id=" + b.id() + " --", "?form=dossier&page=-1",
                "?page=99999999999")) {
            HttpResponse<String> api = script.get(base + query.replace(" ", "%20").replace("'", "%27"),
                    "X-Tenant", b.slug(), "X-Tenant-Id", b.id().toString());
            assertThat(api.statusCode()).as(query).isLessThan(500);
            assertThat(api.body()).as(query).doesNotContain(B_NAME_MARK).doesNotContain(B_FIRST_NAME_MARK)
                    .doesNotContain(recordOfB.id().toString());
            HttpResponse<String> page = browser.get("/t/" + a.slug() + "/records" + query.replace(" ", "%20").replace("'", "%27"),
                    "X-Tenant", b.slug());
            assertThat(page.statusCode()).as(query).isLessThan(500);
            // The page echoes the search text; B's other values and its record id must not appear.
            assertThat(page.body()).as(query).doesNotContain(B_FIRST_NAME_MARK).doesNotContain(recordOfB.id().toString());
        }
        // A body naming another tenant is not trusted either: the record lands in A, the URL's tenant.
        ObjectNode body = JSON.createObjectNode().put("form", "dossier").put("tenant", b.slug());
        body.set("data", data("Tenantfield", "Jean", "x"));
        assertThat(script.postJson(base, body.toString()).statusCode()).isEqualTo(400);
    }

    // ---- confidential values ----------------------------------------------------------------

    @Test
    void confidential_values_never_reach_a_member_without_the_grant() {
        List<String> failures = new ArrayList<>();
        for (Role role : List.of(Role.CASEWORKER, Role.VIEWER)) {
            for (AccessRoutes.Rule rule : tenantRules()) {
                if (!rule.method().equals(HandlerType.GET) || (rule.permission() != null && !role.allows(rule.permission()))) {
                    continue;
                }
                String url = url(rule, a, recordOfA, adminOfA);
                HttpResponse<String> response = call(rule, client(rule, role), url);
                // GET …/merge shows kept typing only; with none it sends the browser to the case file.
                boolean redirects = rule.path().endsWith("/merge") && response.statusCode() == 303;
                if (response.statusCode() != 200 && !redirects) {
                    failures.add(role + " GET " + url + " answered " + response.statusCode());
                }
                if (response.body().contains(A_NOTE_MARK)) {
                    failures.add(role + " GET " + url + " showed the confidential note");
                }
            }
        }
        assertThat(failures).isEmpty();
        // The admin, who holds the grant, does see it: the check above can fail.
        assertThat(browsersOfA.get(Role.ADMIN).get("/t/" + a.slug() + "/records/" + recordOfA.id()).body())
                .contains(A_NOTE_MARK);
        assertThat(scriptsOfA.get(Role.ADMIN).get("/api/v1/tenants/" + a.slug() + "/records/" + recordOfA.id()).body())
                .contains(A_NOTE_MARK);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<AccessRoutes.Rule> tenantRules() {
        return TestServer.rules().stream().filter(rule -> rule.access() == Access.TENANT).toList();
    }

    private static TestClient client(AccessRoutes.Rule rule, Role role) {
        return rule.path().startsWith("/api/") ? scriptsOfA.get(role) : browsersOfA.get(role);
    }

    private static String url(AccessRoutes.Rule rule, Tenant tenant, CaseRecord record, User user) {
        return rule.path()
                .replace("{tenant}", tenant.slug())
                .replace("{id}", record.id().toString())
                .replace("{userId}", Long.toString(user.id()))
                .replace("{form}", FormService.CASE_FILE)
                .replace("{section}", "identite")
                .replace("{attachment}", record == recordOfB ? attachmentOfB : attachmentOfA)
                .replace("{key}", "champ_perso")
                .replace("{version}", "1");
    }

    /** Calls a route with a body that would be valid, so that only the guard can stop it. */
    private static HttpResponse<String> call(AccessRoutes.Rule rule, TestClient client, String url) {
        String method = rule.method().name();
        if (method.equals("GET")) {
            return client.get(url);
        }
        if (url.startsWith("/api/")) {
            ObjectNode body = JSON.createObjectNode();
            if (method.equals("POST")) {
                body.put("form", FormService.CASE_FILE);
            } else {
                body.put("version", 1);
            }
            body.set("data", data("Intrus", "Jean", "intrusion"));
            return client.send(method, url, method.equals("DELETE") ? null : "application/json",
                    method.equals("DELETE") ? null : body.toString());
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Intrus"));
        fields.add(Map.entry("_version", "1"));
        fields.add(Map.entry("email", "intrus@test.example"));
        fields.add(Map.entry("name", "Intrus"));
        fields.add(Map.entry("role", "admin"));
        fields.add(Map.entry("confidential", "on"));
        fields.add(Map.entry("active", "on"));
        return client.postForm(url, fields);
    }

    private static void assertBUnchanged() {
        CaseRecord stored = services.records().get(b.id(), recordOfB.id());
        assertThat(stored.lockVersion()).isEqualTo(1);
        assertThat(stored.data()).isEqualTo(recordOfB.data());
        assertThat(services.attachments().all(b.id(), recordOfB.id())).extracting(file -> file.id())
                .containsExactly(attachmentOfB);
        long recordsOfB = TestRecords.storedCount(services, b);
        assertThat(recordsOfB).isEqualTo(1);
        assertThat(services.accounts().members(b.id())).hasSize(1);
        assertThat(services.accounts().activeMembership(b.id(), adminOfB.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(services.accounts().members(a.id())).extracting(member -> member.user().email())
                .doesNotContain("intrus@test.example");
    }
}
