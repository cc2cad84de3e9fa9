package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The login page, the session cookie, logout, CSRF on every form, and their audit events. */
@Tag("integration")
class LoginTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static Services services;
    private static Tenant tenant;
    private static User member;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "login");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
    }

    /** The login form: its cookie and token. */
    private record LoginForm(String cookie, String csrf) {}

    private static LoginForm loginForm() {
        HttpResponse<String> form = TestClient.anonymous().get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("dossier_login_csrf=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        return new LoginForm(cookie.substring(0, cookie.indexOf(';')), csrf);
    }

    private static HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((x, y) -> x + "&" + y).orElse("");
    }

    private static HttpResponse<String> login(String email, String password, String next, String... headers) {
        LoginForm form = loginForm();
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = form.cookie();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post("/login", form(Map.of("_csrf", form.csrf(), "email", email, "password", password, "next", next)), all);
    }

    private static Optional<String> sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("dossier_session=") && !value.startsWith("dossier_session=;"))
                .findFirst();
    }

    private static long events(String action, String actor, long tenantId) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = :a AND actor = :actor")
                .bind("t", tenantId).bind("a", action).bind("actor", actor).mapTo(Long.class).one());
    }

    @Test
    void a_good_login_opens_a_session_with_a_safe_cookie_and_goes_where_it_was_asked() {
        long before = events("login.succeeded", member.email(), tenant.id().value());

        HttpResponse<String> response = login(member.email().toUpperCase(), TestUsers.PASSWORD, "/t/" + tenant.slug() + "/records");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/t/" + tenant.slug() + "/records");
        String cookie = sessionCookie(response).orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(events("login.succeeded", member.email(), tenant.id().value())).isEqualTo(before + 1);
    }

    @Test
    void behind_https_the_cookie_is_secure() {
        HttpResponse<String> response = login(member.email(), TestUsers.PASSWORD, "/", "X-Forwarded-Proto", "https");

        assertThat(sessionCookie(response).orElseThrow()).contains("Secure");
    }

    @Test
    void next_never_leads_off_site() {
        for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)")) {
            HttpResponse<String> response = login(member.email(), TestUsers.PASSWORD, next);
            assertThat(response.headers().firstValue("Location")).as(next).hasValue("/");
        }
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_answer_and_are_audited() {
        long knownBefore = events("login.failed", member.email(), tenant.id().value());
        String stranger = "nobody-" + System.nanoTime() + "@test.example";

        HttpResponse<String> wrongPassword = login(member.email(), "not the password at all", "/");
        HttpResponse<String> unknown = login(stranger, "not the password at all", "/");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        String message = "Adresse e-mail ou mot de passe incorrect.";
        assertThat(wrongPassword.body()).contains(message);
        assertThat(unknown.body()).contains(message);
        assertThat(sessionCookie(wrongPassword)).isEmpty();
        assertThat(events("login.failed", member.email(), tenant.id().value())).isEqualTo(knownBefore + 1);
        assertThat(events("login.failed", stranger, 0)).isEqualTo(1);
        // A success clears the counters, so this class leaves no failures behind for the others.
        assertThat(login(member.email(), TestUsers.PASSWORD, "/").statusCode()).isEqualTo(303);
    }

    @Test
    void a_login_without_its_csrf_token_is_refused() {
        LoginForm form = loginForm();
        String credentials = "&email=" + member.email().replace("@", "%40") + "&password=" + TestUsers.PASSWORD.replace(' ', '+');

        HttpResponse<String> noToken = post("/login", "x=1" + credentials, "Cookie", form.cookie());
        HttpResponse<String> noCookie = post("/login", "_csrf=" + form.csrf() + credentials);
        HttpResponse<String> otherToken = post("/login", "_csrf=" + loginForm().csrf() + credentials, "Cookie", form.cookie());

        for (HttpResponse<String> response : List.of(noToken, noCookie, otherToken)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(sessionCookie(response)).isEmpty();
        }
    }

    @Test
    void login_issues_a_new_session_id_and_ends_the_one_the_browser_held() {
        TestClient first = TestClient.browser(member);
        assertThat(first.get("/account").statusCode()).isEqualTo(200);

        // The same browser signs in again, sending the session cookie it holds with the login form's.
        LoginForm form = loginForm();
        HttpResponse<String> rotated = post("/login", form(Map.of("_csrf", form.csrf(), "email", member.email(),
                "password", TestUsers.PASSWORD)), "Cookie", form.cookie() + "; " + first.sessionCookie());

        assertThat(rotated.statusCode()).isEqualTo(303);
        String newCookie = sessionCookie(rotated).orElseThrow();
        assertThat(newCookie).doesNotContain(first.sessionCookie().substring("dossier_session=".length()));
        assertThat(first.get("/account").statusCode()).as("the old session is closed").isEqualTo(303);
    }

    @Test
    void logout_ends_the_session_and_needs_the_csrf_token() {
        TestClient browser = TestClient.browser(member);
        long before = events("logout", member.email(), tenant.id().value());

        HttpResponse<String> forged = browser.postForm("/logout", List.of(Map.entry("_csrf", "forged")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = browser.postForm("/logout", List.of());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue("/login?loggedOut=1");
        assertThat(browser.get("/account").statusCode()).isEqualTo(303);
        assertThat(events("logout", member.email(), tenant.id().value())).isEqualTo(before + 1);
    }

    @Test
    void a_signed_in_form_without_the_session_token_changes_nothing() {
        TestClient browser = TestClient.browser(member);
        long before = services.records().search(tenant.id(), org.dossier.record.RecordQuery.of("dossier", "", 1, 20)).total();

        HttpResponse<String> response = browser.postForm("/t/" + tenant.slug() + "/records",
                List.of(Map.entry("_csrf", "not-the-token"), Map.entry("identite.nom", "Forgé")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(services.records().search(tenant.id(), org.dossier.record.RecordQuery.of("dossier", "", 1, 20)).total())
                .isEqualTo(before);
    }

    @Test
    void an_anonymous_page_request_is_sent_to_the_login_page_and_back() {
        HttpResponse<String> response = TestClient.anonymous().get("/t/" + tenant.slug() + "/records?q=du");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/login?next=" + java.net.URLEncoder.encode("/t/" + tenant.slug() + "/records?q=du", StandardCharsets.UTF_8));
    }

    @Test
    void every_answer_carries_the_security_headers() {
        for (HttpResponse<String> response : List.of(TestClient.anonymous().get("/login"),
                TestClient.anonymous().get("/api/v1/tenants/" + tenant.slug() + "/records"),
                TestClient.browser(member).get("/t/" + tenant.slug() + "/records"))) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
        }
    }
}
