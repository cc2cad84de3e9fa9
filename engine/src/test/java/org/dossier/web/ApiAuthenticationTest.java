package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.auth.AccessRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bearer tokens: the token route, personal tokens, 401 without credentials, throttling. */
@Tag("integration")
class ApiAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void every_api_route_but_the_token_route_answers_401_json_without_credentials() throws Exception {
        int checked = 0;
        for (AccessRoutes.Rule rule : TestServer.rules()) {
            if (!rule.path().startsWith("/api/") || rule.access() == AccessRoutes.Access.PUBLIC) {
                continue;
            }
            String url = rule.path().replace("{tenant}", tenant.slug()).replace("{form}", "dossier")
                    .replace("{id}", "01a20000-0000-7000-8000-000000000000");
            for (TestClient client : List.of(TestClient.anonymous(), TestClient.bearer("dsr_not-a-token"),
                    TestClient.bearer("garbage"), TestClient.browser(member))) {
                HttpResponse<String> response = client.send(rule.method().name(), url, "application/json", "{}");
                assertThat(response.statusCode()).as(rule.method() + " " + url).isEqualTo(401);
                JsonNode error = JSON.readTree(response.body()).at("/errors/0");
                assertThat(error.get("code").asText()).isEqualTo("authenticationRequired");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(24);
    }

    @Test
    void the_token_route_trades_credentials_for_a_short_lived_bearer_token() throws Exception {
        HttpResponse<String> issued = tokenRequest(member.email(), TestUsers.PASSWORD);

        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(issued.body());
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(java.time.Instant.parse(body.get("expiresAt").asText()))
                .isBetween(java.time.Instant.now().plusSeconds(3500), java.time.Instant.now().plusSeconds(3700));
        TestClient script = TestClient.bearer(body.get("token").asText());
        assertThat(script.get(records).statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = tokenRequest(member.email(), "wrong password here");
        HttpResponse<String> unknown = tokenRequest("nobody-" + System.nanoTime() + "@test.example", "wrong password here");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).at("/errors/0/message").asText())
                .isEqualTo(JSON.readTree(unknown.body()).at("/errors/0/message").asText());
        assertThat(tokenRequest(member.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_personal_token_is_shown_once_stored_hashed_and_dies_when_revoked() {
        TestClient browser = TestClient.browser(member);
        HttpResponse<String> created = browser.postForm("/account/tokens", List.of(Map.entry("name", "Export mensuel"),
                Map.entry("days", "30")));

        assertThat(created.statusCode()).isEqualTo(201);
        Matcher secret = Pattern.compile("id=\"new-token\">(dsr_[A-Za-z0-9_-]+)<").matcher(created.body());
        assertThat(secret.find()).isTrue();
        String token = secret.group(1);
        long stored = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM api_tokens WHERE user_id = :u AND (name LIKE :s OR HEX(token_hash) LIKE :s)")
                .bind("u", member.id()).bind("s", "%" + token + "%").mapTo(Long.class).one());
        assertThat(stored).isZero();
        assertThat(browser.get("/account/tokens").body()).contains("Export mensuel").doesNotContain(token);
        TestClient script = TestClient.bearer(token);
        assertThat(script.get(records).statusCode()).isEqualTo(200);

        long id = services.tokens().personalTokens(member.id()).stream()
                .filter(t -> t.name().equals("Export mensuel")).findFirst().orElseThrow().id();
        User other = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        assertThat(TestClient.browser(other).postForm("/account/tokens/" + id + "/revoke", List.of()).statusCode())
                .as("someone else's token").isEqualTo(404);
        assertThat(script.get(records).statusCode()).isEqualTo(200);

        assertThat(browser.postForm("/account/tokens/" + id + "/revoke", List.of()).statusCode()).isEqualTo(303);
        assertThat(script.get(records).statusCode()).isEqualTo(401);
        long audited = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM audit_events
                         WHERE tenant_id = :t AND actor = :a AND action IN ('token.created', 'token.revoked')
                        """)
                .bind("t", tenant.id()).bind("a", member.email()).mapTo(Long.class).one());
        assertThat(audited).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_expired_token_no_longer_works() {
        String token = TestUsers.token(services, member);
        TestClient script = TestClient.bearer(token);
        assertThat(script.get(records).statusCode()).isEqualTo(200);

        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE api_tokens SET expires_at = :past WHERE token_hash = :hash")
                .bind("past", java.time.Instant.now().minusSeconds(1))
                .bind("hash", org.dossier.account.Secrets.sha256(token)).execute());

        assertThat(script.get(records).statusCode()).isEqualTo(401);
    }

    @Test
    void ten_failures_lock_an_account_even_against_the_right_password_on_both_doors() {
        User target = TestUsers.member(services, tenant, Role.VIEWER, false);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(tokenRequest(target.email(), "wrong password " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = tokenRequest(target.email(), TestUsers.PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("loginLocked");

        HttpResponse<String> page = TestClient.anonymous().get("/login");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> viaPage = TestClient.anonymous().postForm("/login", List.of(Map.entry("_csrf", csrf),
                Map.entry("email", target.email()), Map.entry("password", TestUsers.PASSWORD)), "Cookie", cookie);
        assertThat(viaPage.statusCode()).isEqualTo(429);
        assertThat(viaPage.body()).contains("Trop de tentatives");

        // The lockout ends; an unlocked account signs in again. (The address counter was cleared
        // by other successes in between or is cleared here, so other tests are not locked out.)
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE login_throttle SET locked_until = NULL").execute());
        assertThat(tokenRequest(target.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }
}
