package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.auth.AccessRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bearer tokens: 401 without them, the token route, personal tokens, their storage, revocation and audit. */
@Tag("integration")
class ApiAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">(dsr_[A-Za-z0-9_-]+)<");
    private static Services services;
    private static Tenant tenant;
    private static User member;
    private static String records;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "apiauth");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        records = "/api/v1/tenants/" + tenant.slug() + "/records";
    }

    private static HttpResponse<String> tokenRequest(String email, String password) {
        return TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", email).put("password", password).toString());
    }

    private static String errorCode(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/errors/0/code").asText();
    }

    private static long tokensOf(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM api_tokens WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Long.class).one());
    }

    private static Instant revokedAt(long tokenId) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT revoked_at FROM api_tokens WHERE id = :id")
                .bind("id", tokenId).mapTo(Instant.class).one());
    }

    /** A token of the member that was revoked, and one that expired. */
    private static List<String> deadTokens() {
        String revoked = TestUsers.token(services, member);
        String expired = TestUsers.token(services, member);
        services.jdbi().useHandle(handle -> {
            handle.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE token_hash = :hash")
                    .bind("now", Instant.now()).bind("hash", Secrets.sha256(revoked)).execute();
            handle.createUpdate("UPDATE api_tokens SET expires_at = :past WHERE token_hash = :hash")
                    .bind("past", Instant.now().minusSeconds(1)).bind("hash", Secrets.sha256(expired)).execute();
        });
        return List.of(revoked, expired);
    }

    @Test
    void every_api_route_but_the_token_route_answers_401_json_without_valid_credentials() throws Exception {
        List<TestClient> callers = new ArrayList<>(List.of(TestClient.anonymous(), TestClient.bearer("dsr_not-a-token"),
                TestClient.bearer("garbage"), TestClient.browser(member)));
        deadTokens().forEach(token -> callers.add(TestClient.bearer(token)));
        int checked = 0;
        for (AccessRoutes.Rule rule : TestServer.rules()) {
            if (!rule.path().startsWith("/api/") || rule.access() == AccessRoutes.Access.PUBLIC) {
                continue;
            }
            String url = rule.path().replace("{tenant}", tenant.slug()).replace("{slug}", tenant.slug())
                    .replace("{form}", "dossier")
                    .replace("{id}", "01a20000-0000-7000-8000-000000000000")
                    .replace("{attachment}", "AbCdEfGhIjKlMnOpQrStUv");
            assertThat(url).as("every path parameter filled in").doesNotContain("{");
            for (TestClient client : callers) {
                HttpResponse<String> response = client.send(rule.method().name(), url, "application/json", "{}");
                assertThat(response.statusCode()).as(rule.method() + " " + url).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(errorCode(response)).isEqualTo("authenticationRequired");
                checked++;
            }
        }
        assertThat(checked).as("7 routes, 6 kinds of caller").isGreaterThanOrEqualTo(42);
    }

    @Test
    void the_only_api_routes_open_without_a_token_are_the_token_route_and_the_description() {
        assertThat(TestServer.rules()).filteredOn(rule -> rule.path().startsWith("/api/")
                        && rule.access() == AccessRoutes.Access.PUBLIC)
                .extracting(rule -> rule.method().name() + " " + rule.path())
                .containsExactlyInAnyOrder("POST /api/v1/auth/token", "GET /api/openapi.json", "GET /api/docs");
        // The description and its page are the same to anyone: no service's data, nothing of the caller.
        assertThat(TestClient.anonymous().get("/api/openapi.json").body())
                .isEqualTo(TestClient.api(services, member).get("/api/openapi.json").body())
                .doesNotContain(tenant.slug());
    }

    @Test
    void the_token_route_trades_credentials_for_a_short_lived_bearer_token_stored_hashed() throws Exception {
        int auditedBefore = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.created", member.email()).size();

        HttpResponse<String> issued = tokenRequest(member.email(), TestUsers.PASSWORD);

        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(issued.body());
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        String secret = body.get("token").asText();
        Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        Map<String, Object> row = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT user_id, kind, expires_at FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", Secrets.sha256(secret)).mapToMap().one());
        assertThat(row.get("user_id")).isEqualTo(member.id());
        assertThat(row.get("kind")).isEqualTo("login");
        assertThat(TestClient.bearer(secret).get(records).statusCode()).isEqualTo(200);
        List<AuditEvent> audited = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.created", member.email());
        assertThat(audited).hasSize(auditedBefore + 1);
        assertThat(TestAudit.details(audited.get(audited.size() - 1))).containsEntry("kind", "login");
        assertThat(audited.get(audited.size() - 1).details()).doesNotContain(secret);
    }

    @Test
    void the_token_route_refuses_bad_credentials_with_one_generic_answer_and_issues_nothing() throws Exception {
        long tokensBefore = tokensOf(member);

        HttpResponse<String> wrong = tokenRequest(member.email(), "wrong password here");
        HttpResponse<String> unknown = tokenRequest("nobody-" + System.nanoTime() + "@test.example", "wrong password here");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(errorCode(wrong)).isEqualTo("invalidCredentials");
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(TestClient.anonymous().postForm("/api/v1/auth/token", List.of(Map.entry("email", member.email()),
                Map.entry("password", TestUsers.PASSWORD))).statusCode()).as("a form instead of JSON").isEqualTo(415);
        assertThat(TestClient.anonymous().postJson("/api/v1/auth/token", "{\"email\":\"" + member.email() + "\"}")
                .statusCode()).as("no password").isEqualTo(400);
        assertThat(tokensOf(member)).isEqualTo(tokensBefore);
        // A success clears the throttle counters, so this class leaves no failures behind for the others.
        assertThat(tokenRequest(member.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_bearer_token_does_not_open_the_pages() {
        HttpResponse<String> page = TestClient.api(services, member).get("/account");

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Faccount");
    }

    @Test
    void a_personal_token_is_shown_once_and_only_its_digest_is_stored() throws Exception {
        TestClient browser = TestClient.browser(member);
        HttpResponse<String> created = browser.postForm("/account/tokens", List.of(Map.entry("name", "Export mensuel"),
                Map.entry("days", "30")));

        assertThat(created.statusCode()).isEqualTo(201);
        Matcher shown = NEW_TOKEN.matcher(created.body());
        assertThat(shown.find()).isTrue();
        String secret = shown.group(1);
        assertThat(TestClient.bearer(secret).get(records).statusCode()).isEqualTo(200);
        assertThat(browser.get("/account/tokens").body()).contains("Export mensuel").doesNotContain(secret);

        Map<String, Object> row = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT user_id, name, kind, expires_at FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", Secrets.sha256(secret)).mapToMap().one());
        assertThat(row).containsEntry("user_id", member.id()).containsEntry("name", "Export mensuel")
                .containsEntry("kind", "personal");
        String random = secret.substring("dsr_".length());
        String hex = HexFormat.of().formatHex(random.getBytes(StandardCharsets.UTF_8));
        for (String cell : everyCellOf("api_tokens")) {
            assertThat(cell).doesNotContain(random).doesNotContainIgnoringCase(hex);
        }
        for (String cell : everyCellOf("audit_events")) {
            assertThat(cell).doesNotContain(random);
        }
    }

    /** Every value of every row of a table, as text (binary values as text and as hexadecimal). */
    private static List<String> everyCellOf(String table) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM " + table)
                .scanResultSet((supplier, ctx) -> {
                    ResultSet rs = supplier.get();
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> cells = new ArrayList<>();
                    while (rs.next()) {
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            byte[] bytes = rs.getBytes(column);
                            if (bytes != null) {
                                cells.add(new String(bytes, StandardCharsets.UTF_8));
                                cells.add(HexFormat.of().formatHex(bytes));
                            }
                        }
                    }
                    return cells;
                }));
    }

    @Test
    void a_token_needs_a_name_and_an_offered_lifetime() {
        TestClient browser = TestClient.browser(member);
        long before = tokensOf(member);

        HttpResponse<String> noName = browser.postForm("/account/tokens", List.of(Map.entry("name", " "),
                Map.entry("days", "30")));
        HttpResponse<String> forever = browser.postForm("/account/tokens", List.of(Map.entry("name", "Toujours"),
                Map.entry("days", "36500")));

        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(forever.statusCode()).isEqualTo(422);
        assertThat(noName.body()).doesNotContain("id=\"new-token\"");
        assertThat(tokensOf(member)).isEqualTo(before);
    }

    @Test
    void a_revoked_token_stops_working_and_only_its_owner_can_revoke_it() throws Exception {
        TestClient browser = TestClient.browser(member);
        Matcher shown = NEW_TOKEN.matcher(browser.postForm("/account/tokens", List.of(Map.entry("name", "Script"),
                Map.entry("days", "90"))).body());
        assertThat(shown.find()).isTrue();
        TestClient script = TestClient.bearer(shown.group(1));
        long id = services.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", Secrets.sha256(shown.group(1))).mapTo(Long.class).one());
        List<AuditEvent> created = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.created", member.email());
        assertThat(TestAudit.details(created.get(created.size() - 1))).containsEntry("tokenId", Long.toString(id))
                .containsEntry("kind", "personal").containsEntry("name", "Script");

        User other = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        HttpResponse<String> stranger = TestClient.browser(other).postForm("/account/tokens/" + id + "/revoke", List.of());
        assertThat(stranger.statusCode()).as("someone else's token").isEqualTo(404);
        assertThat(revokedAt(id)).isNull();
        assertThat(script.get(records).statusCode()).isEqualTo(200);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.revoked", other.email())).isEmpty();

        HttpResponse<String> revoked = browser.postForm("/account/tokens/" + id + "/revoke", List.of());
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/account/tokens?revoked=1");
        assertThat(revokedAt(id)).isNotNull();
        HttpResponse<String> refused = script.get(records);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(errorCode(refused)).isEqualTo("authenticationRequired");
        List<AuditEvent> audited = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.revoked", member.email());
        assertThat(audited).hasSize(1);
        assertThat(TestAudit.details(audited.get(0))).containsEntry("tokenId", Long.toString(id));
        assertThat(audited.get(0).targetId()).isEqualTo(Long.toString(member.id()));
        assertThat(browser.postForm("/account/tokens/" + id + "/revoke", List.of()).statusCode())
                .as("a second time").isEqualTo(404);
    }

    @Test
    void an_expired_token_no_longer_works() {
        String token = TestUsers.token(services, member);
        TestClient script = TestClient.bearer(token);
        assertThat(script.get(records).statusCode()).isEqualTo(200);

        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE api_tokens SET expires_at = :past WHERE token_hash = :hash")
                .bind("past", Instant.now().minusSeconds(1)).bind("hash", Secrets.sha256(token)).execute());

        assertThat(script.get(records).statusCode()).isEqualTo(401);
    }
}
