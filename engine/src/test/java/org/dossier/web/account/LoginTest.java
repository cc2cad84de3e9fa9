package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.LoginFormTokens;
import org.dossier.account.PlatformSecrets;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.record.RecordQuery;
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

/** The login page, the session cookie and its row, logout, CSRF on every form, and their audit events. */
@Tag("integration")
class LoginTest {
    private static final String INVALID_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect.";
    private static Services services;
    private static Tenant tenant;
    private static User member;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "login");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
    }

    /** The user whose session has this id in the database, if it is stored. */
    private static Optional<Long> sessionOwner(String sessionId) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT user_id FROM sessions WHERE id_hash = :hash")
                .bind("hash", Secrets.sha256(sessionId)).mapTo(Long.class).findOne());
    }

    private static long sessionsOf(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sessions WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Long.class).one());
    }

    private static List<AuditEvent> events(String action, String actor, long tenantId) {
        return TestAudit.events(services, tenantId, action, actor);
    }

    private static String sessionIdOf(TestClient browser) {
        return browser.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1);
    }

    @Test
    void the_login_form_carries_a_signed_csrf_field_that_matches_its_cookie() {
        HttpResponse<String> page = TestClient.anonymous().get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        String setCookie = TestLogin.setCookie(page, TestLogin.CSRF_COOKIE).orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        String token = setCookie.substring(TestLogin.CSRF_COOKIE.length() + 1, setCookie.indexOf(';'));
        assertThat(token).matches("[A-Za-z0-9_-]{43}\\.[0-9]+\\.[A-Za-z0-9_-]{43}");
        assertThat(page.body()).contains("name=\"_csrf\" value=\"" + token + "\"");

        HttpResponse<String> again = TestClient.anonymous().get("/login", "Cookie", TestLogin.CSRF_COOKIE + "=" + token);
        assertThat(again.body()).as("the browser's token is kept").contains("name=\"_csrf\" value=\"" + token + "\"");
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void a_planted_login_token_is_not_kept_by_the_form() {
        String planted = "A".repeat(43);

        HttpResponse<String> page = TestClient.anonymous().get("/login", "Cookie", TestLogin.CSRF_COOKIE + "=" + planted);

        String fresh = TestLogin.setCookie(page, TestLogin.CSRF_COOKIE).orElseThrow();
        assertThat(fresh).doesNotContain(planted);
        assertThat(page.body()).doesNotContain("value=\"" + planted + "\"").contains(fresh.substring(
                TestLogin.CSRF_COOKIE.length() + 1, fresh.indexOf(';')));
    }

    @Test
    void a_login_token_the_server_did_not_sign_is_refused_even_when_cookie_and_form_agree() {
        long sessionsBefore = sessionsOf(member);
        long loginsBefore = events("login.succeeded", member.email(), tenant.id().value()).size();
        byte[] key = new PlatformSecrets(services.jdbi(), Clock.systemUTC()).key(LoginFormTokens.SECRET_NAME);
        String genuine = TestLogin.form().csrf();
        String[] parts = genuine.split("\\.");
        Clock thirteenHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-13));
        Map<String, String> planted = Map.of(
                "the probe's value", "A".repeat(43),
                "a made-up signature", Secrets.token(32) + "." + parts[1] + "." + Secrets.token(32),
                "another random value under the genuine signature", Secrets.token(32) + "." + parts[1] + "." + parts[2],
                "signed with another key", new LoginFormTokens(() -> new byte[32], Clock.systemUTC()).issue(),
                "signed with the key, but expired", new LoginFormTokens(() -> key, thirteenHoursAgo).issue());

        planted.forEach((what, token) -> {
            HttpResponse<String> response = TestClient.anonymous().postForm("/login",
                    with(List.of(Map.entry("email", member.email()), Map.entry("password", TestUsers.PASSWORD)), token),
                    "Cookie", TestLogin.CSRF_COOKIE + "=" + token);
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.body()).as(what).contains("Le formulaire a expiré");
            assertThat(TestLogin.setCookie(response, TestLogin.SESSION_COOKIE)).as(what).isEmpty();
        });
        assertThat(sessionsOf(member)).isEqualTo(sessionsBefore);
        assertThat(events("login.succeeded", member.email(), tenant.id().value())).hasSize((int) loginsBefore);

        // A token signed by another node, which shares the key through the database, is good.
        String otherNode = new LoginFormTokens(() -> key, Clock.systemUTC()).issue();
        HttpResponse<String> accepted = TestClient.anonymous().postForm("/login",
                with(List.of(Map.entry("email", member.email()), Map.entry("password", TestUsers.PASSWORD)), otherNode),
                "Cookie", TestLogin.CSRF_COOKIE + "=" + otherNode);
        assertThat(accepted.statusCode()).isEqualTo(303);
    }

    @Test
    void a_login_without_the_right_csrf_token_is_refused_and_opens_no_session() {
        TestLogin.Form form = TestLogin.form();
        long sessionsBefore = sessionsOf(member);
        long loginsBefore = events("login.succeeded", member.email(), AuditLog.PLATFORM_TENANT).size();
        List<Map.Entry<String, String>> credentials = List.of(Map.entry("email", member.email()),
                Map.entry("password", TestUsers.PASSWORD));

        List<HttpResponse<String>> refused = List.of(
                TestClient.anonymous().postForm("/login", credentials, "Cookie", form.cookie()),
                TestClient.anonymous().postForm("/login", with(credentials, form.csrf())),
                TestClient.anonymous().postForm("/login", with(credentials, TestLogin.form().csrf()), "Cookie", form.cookie()),
                TestClient.anonymous().postForm("/login", with(credentials, ""), "Cookie", TestLogin.CSRF_COOKIE + "="));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("Le formulaire a expiré");
            assertThat(TestLogin.setCookie(response, TestLogin.SESSION_COOKIE)).isEmpty();
        }
        assertThat(sessionsOf(member)).isEqualTo(sessionsBefore);
        assertThat(events("login.succeeded", member.email(), AuditLog.PLATFORM_TENANT)).hasSize((int) loginsBefore);
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> fields, String csrf) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
        all.add(Map.entry("_csrf", csrf));
        return all;
    }

    @Test
    void a_good_login_stores_a_session_sets_a_safe_cookie_and_goes_where_it_was_asked() {
        int before = events("login.succeeded", member.email(), AuditLog.PLATFORM_TENANT).size();

        HttpResponse<String> response = TestLogin.post(member.email().toUpperCase(), TestUsers.PASSWORD,
                "/t/" + tenant.slug() + "/records?q=a");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/t/" + tenant.slug() + "/records?q=a");
        String cookie = TestLogin.setCookie(response, TestLogin.SESSION_COOKIE).orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(TestLogin.clearedCookie(response, TestLogin.CSRF_COOKIE)).as("the login token is spent").isPresent();
        String sessionId = TestLogin.sessionId(response);
        assertThat(sessionOwner(sessionId)).as("the row is found by the id's digest").hasValue(member.id());
        List<AuditEvent> logins = events("login.succeeded", member.email(), AuditLog.PLATFORM_TENANT);
        assertThat(logins).hasSize(before + 1);
        assertThat(logins.get(logins.size() - 1)).extracting(AuditEvent::targetId, AuditEvent::clientAddress)
                .containsExactly(Long.toString(member.id()), "127.0.0.1");
        assertThat(TestClient.anonymous().get("/account", "Cookie", TestLogin.SESSION_COOKIE + "=" + sessionId).statusCode())
                .isEqualTo(200);
    }

    @Test
    void behind_https_the_cookies_are_secure_and_host_prefixed_and_bare_ones_are_ignored() {
        String https = "X-Forwarded-Proto";
        HttpResponse<String> page = TestClient.anonymous().get("/login", https, "https");
        HttpResponse<String> response = TestLogin.post(member.email(), TestUsers.PASSWORD, "/", https, "https");

        String loginCookie = TestLogin.setCookie(page, TestLogin.HOST_PREFIX + TestLogin.CSRF_COOKIE).orElseThrow();
        assertThat(loginCookie).contains("; Secure").contains("Path=/").doesNotContainIgnoringCase("Domain");
        assertThat(TestLogin.setCookie(page, TestLogin.CSRF_COOKIE)).isEmpty();
        assertThat(response.statusCode()).isEqualTo(303);
        String sessionCookie = TestLogin.setCookie(response, TestLogin.HOST_PREFIX + TestLogin.SESSION_COOKIE).orElseThrow();
        assertThat(sessionCookie).contains("; Secure").contains("Path=/").doesNotContainIgnoringCase("Domain");
        assertThat(TestLogin.clearedCookie(response, TestLogin.HOST_PREFIX + TestLogin.CSRF_COOKIE).orElseThrow())
                .contains("; Secure");
        String sessionId = sessionCookie.substring(sessionCookie.indexOf('=') + 1, sessionCookie.indexOf(';'));
        assertThat(TestClient.anonymous().get("/account", https, "https",
                "Cookie", TestLogin.HOST_PREFIX + TestLogin.SESSION_COOKIE + "=" + sessionId).statusCode()).isEqualTo(200);

        // Over HTTPS a cookie under the bare name, which a sibling subdomain or a network attacker
        // could have planted, is never read: not as a session, not as a login token.
        assertThat(TestClient.anonymous().get("/account", https, "https",
                "Cookie", TestLogin.SESSION_COOKIE + "=" + sessionId).statusCode()).isEqualTo(303);
        TestLogin.Form plain = TestLogin.form();
        HttpResponse<String> planted = TestClient.anonymous().postForm("/login",
                with(List.of(Map.entry("email", member.email()), Map.entry("password", TestUsers.PASSWORD)), plain.csrf()),
                "Cookie", plain.cookie(), https, "https");
        assertThat(planted.statusCode()).isEqualTo(403);
    }

    @Test
    void next_never_leads_off_site() {
        for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)",
                "/\t/evil.example", "/\n/evil.example", "evil.example", "")) {
            HttpResponse<String> response = TestLogin.post(member.email(), TestUsers.PASSWORD, next);
            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as("next=%s", next).hasValue("/");
        }
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_answer_and_are_audited() {
        int knownBefore = events("login.failed", member.email(), AuditLog.PLATFORM_TENANT).size();
        String stranger = "nobody-" + System.nanoTime() + "@test.example";
        String wrong = "not the password at all";

        HttpResponse<String> wrongPassword = TestLogin.post(member.email(), wrong, "/");
        HttpResponse<String> unknown = TestLogin.post(stranger, wrong, "/");

        for (HttpResponse<String> response : List.of(wrongPassword, unknown)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("role=\"alert\">" + INVALID_CREDENTIALS + "<").doesNotContain(wrong);
            assertThat(TestLogin.setCookie(response, TestLogin.SESSION_COOKIE)).isEmpty();
        }
        assertThat(wrongPassword.body()).contains("value=\"" + member.email() + "\"");
        List<AuditEvent> failed = events("login.failed", member.email(), AuditLog.PLATFORM_TENANT);
        assertThat(failed).hasSize(knownBefore + 1);
        assertThat(failed.get(failed.size() - 1).clientAddress()).isEqualTo("127.0.0.1");
        List<AuditEvent> unknownFailed = events("login.failed", stranger, 0);
        assertThat(unknownFailed).hasSize(1);
        assertThat(unknownFailed.get(0).targetId()).as("no account to point at").isNull();
        // A success clears the account's counter; the address's is removed so that the other
        // classes inherit no failures from this one.
        assertThat(TestLogin.post(member.email(), TestUsers.PASSWORD, "/").statusCode()).isEqualTo(303);
        TestThrottle.forgetLocalAddress(services);
    }

    @Test
    void login_issues_a_new_session_id_and_ends_the_one_the_browser_held() {
        TestClient first = TestClient.browser(member);
        String oldId = sessionIdOf(first);
        assertThat(first.get("/account").statusCode()).isEqualTo(200);

        // The same browser signs in again, sending the session cookie it holds with the login form's.
        TestLogin.Form form = TestLogin.form();
        HttpResponse<String> rotated = TestClient.anonymous().postForm("/login", List.of(Map.entry("_csrf", form.csrf()),
                        Map.entry("email", member.email()), Map.entry("password", TestUsers.PASSWORD)),
                "Cookie", form.cookie() + "; " + first.sessionCookie());

        assertThat(rotated.statusCode()).isEqualTo(303);
        String newId = TestLogin.sessionId(rotated);
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(sessionOwner(oldId)).as("the old row is deleted").isEmpty();
        assertThat(sessionOwner(newId)).hasValue(member.id());
        assertThat(first.get("/account").statusCode()).as("the old cookie no longer works").isEqualTo(303);
    }

    @Test
    void logout_ends_the_session_and_needs_the_csrf_token() {
        TestClient browser = TestClient.browser(member);
        String sessionId = sessionIdOf(browser);
        int before = events("logout", member.email(), AuditLog.PLATFORM_TENANT).size();

        HttpResponse<String> forged = browser.postForm("/logout", List.of(Map.entry("_csrf", "forged")));
        HttpResponse<String> bare = TestClient.anonymous().postForm("/logout", List.of(), "Cookie", browser.sessionCookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(bare.statusCode()).isEqualTo(403);
        assertThat(sessionOwner(sessionId)).hasValue(member.id());
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = browser.postForm("/logout", List.of());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue("/login?loggedOut=1");
        assertThat(TestLogin.clearedCookie(logout, TestLogin.SESSION_COOKIE)).isPresent();
        assertThat(sessionOwner(sessionId)).isEmpty();
        HttpResponse<String> afterwards = browser.get("/account");
        assertThat(afterwards.statusCode()).isEqualTo(303);
        assertThat(afterwards.headers().firstValue("Location")).hasValue("/login?next=%2Faccount");
        List<AuditEvent> logouts = events("logout", member.email(), AuditLog.PLATFORM_TENANT);
        assertThat(logouts).hasSize(before + 1);
        assertThat(TestAudit.details(logouts.get(logouts.size() - 1))).containsEntry("how", "session");
    }

    @Test
    void a_signed_in_form_without_the_session_token_changes_nothing() {
        TestClient browser = TestClient.browser(member);
        long before = services.records().search(tenant.id(), RecordQuery.of("dossier", "", 1, 20)).total();

        HttpResponse<String> response = browser.postForm("/t/" + tenant.slug() + "/records",
                List.of(Map.entry("_csrf", "not-the-token"), Map.entry("identite.nom", "Forgé")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(services.records().search(tenant.id(), RecordQuery.of("dossier", "", 1, 20)).total()).isEqualTo(before);
    }

    @Test
    void an_anonymous_page_request_is_sent_to_the_login_page_and_back() {
        String page = "/t/" + tenant.slug() + "/records?q=du";
        for (HttpResponse<String> response : List.of(TestClient.anonymous().get(page),
                TestClient.anonymous().get(page, "Cookie", TestLogin.SESSION_COOKIE + "=made-up"))) {
            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        }
        HttpResponse<String> post = TestClient.anonymous().postForm("/t/" + tenant.slug() + "/records",
                List.of(Map.entry("identite.nom", "Anonyme")));
        // Nobody to keep it for: the login page says nothing was kept, then leads back to the form.
        assertThat(post.statusCode()).as("a form posted without a session").isEqualTo(303);
        assertThat(post.headers().firstValue("Location")).hasValue("/login?next="
                + URLEncoder.encode("/t/" + tenant.slug() + "/records/new", StandardCharsets.UTF_8) + "&lost=1");
    }
}
