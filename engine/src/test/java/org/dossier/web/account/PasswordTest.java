package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.ApiToken;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.TokenStore;
import org.dossier.account.User;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestThrottle;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Changing one's password, and the one-time password an admin's new account must change first. */
@Tag("integration")
class PasswordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private static final String NEW_PASSWORD = "tout nouveau mot de passe";
    private static final String LOCKED_MESSAGE = "Trop de tentatives de connexion infructueuses.";
    private static Services services;
    private static Tenant tenant;
    private static TestClient adminBrowser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "password");
        adminBrowser = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
    }

    @AfterAll
    static void forgetAddress() {
        // The old password is tried once below; the other classes must not inherit that failure.
        // (No services when the class was skipped: the MySQL run without Docker.)
        if (services != null) {
            TestThrottle.forgetLocalAddress(services);
        }
    }

    /** The stored password hash and the must-change flag of a user. */
    private record Stored(String hash, boolean mustChange) {}

    private static Stored stored(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT password_hash, must_change_password FROM users WHERE id = :id")
                .bind("id", user.id())
                .map((rs, ctx) -> new Stored(rs.getString("password_hash"), rs.getBoolean("must_change_password")))
                .one());
    }

    private static List<Map.Entry<String, String>> change(String current, String replacement, String confirmation) {
        return List.of(Map.entry("currentPassword", current), Map.entry("newPassword", replacement),
                Map.entry("confirmPassword", confirmation));
    }

    private static HttpResponse<String> tokenRequest(String email, String password) {
        return TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", email).put("password", password).toString());
    }

    private static List<byte[]> sessionsOf(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT id_hash FROM sessions WHERE user_id = :id")
                .bind("id", user.id()).mapTo(byte[].class).list());
    }

    @Test
    void a_refused_change_says_why_and_changes_nothing() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        TestClient elsewhere = TestClient.browser(user);
        Stored before = stored(user);
        Map<String, List<Map.Entry<String, String>>> refusals = Map.of(
                "Le mot de passe actuel est incorrect.", change("wrong wrong wrong", NEW_PASSWORD, NEW_PASSWORD),
                "au moins 12 caractères", change(TestUsers.PASSWORD, "court", "court"),
                "ne sont pas identiques", change(TestUsers.PASSWORD, NEW_PASSWORD, "autre nouveau mot de passe"),
                "doit être différent de l", change(TestUsers.PASSWORD, TestUsers.PASSWORD, TestUsers.PASSWORD),
                "ne peut pas être votre adresse e-mail", change(TestUsers.PASSWORD, user.email(), user.email()));

        refusals.forEach((message, form) -> {
            HttpResponse<String> refused = here.postForm("/account/password", form);
            assertThat(refused.statusCode()).as(message).isEqualTo(422);
            assertThat(refused.body()).as(message).contains(message);
        });

        assertThat(stored(user)).isEqualTo(before);
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(200);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.changed", user.email())).isEmpty();
    }

    @Test
    void a_new_password_replaces_the_old_one_and_closes_the_other_sessions_only() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        TestClient elsewhere = TestClient.browser(user);

        HttpResponse<String> changed = here.postForm("/account/password", change(TestUsers.PASSWORD, NEW_PASSWORD,
                NEW_PASSWORD));

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location"))
                .hasValue("/account?passwordChanged=1&sessionsClosed=1&tokensRevoked=0");
        assertThat(here.get(changed.headers().firstValue("Location").orElseThrow()).body())
                .contains("Votre mot de passe a été changé.");
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(303);
        assertThat(sessionsOf(user)).singleElement().isEqualTo(
                Secrets.sha256(here.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1)));
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.changed", user.email())).hasSize(1);

        assertThat(TestLogin.post(user.email(), TestUsers.PASSWORD, "/").statusCode()).as("the old password").isEqualTo(401);
        assertThat(TestLogin.post(user.email(), NEW_PASSWORD, "/").statusCode()).as("the new password").isEqualTo(303);
        assertThat(tokenRequest(user.email(), NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_one_time_password_must_be_changed_before_anything_else() throws Exception {
        String email = "provisoire-" + System.nanoTime() + "@test.example";
        HttpResponse<String> added = adminBrowser.postForm("/t/" + tenant.slug() + "/admin/users", List.of(
                Map.entry("email", email), Map.entry("name", "Nouvelle Personne"), Map.entry("role", "caseworker")));
        Matcher shown = ONE_TIME.matcher(added.body());
        assertThat(shown.find()).isTrue();
        String oneTime = shown.group(1);
        User user = services.accounts().findByEmail(email).orElseThrow();
        assertThat(stored(user).mustChange()).isTrue();

        HttpResponse<String> login = TestLogin.post(email, oneTime, "/t/" + tenant.slug() + "/records");
        assertThat(login.headers().firstValue("Location")).as("next waits").hasValue("/account/password");
        TestClient newcomer = TestClient.signIn(email, oneTime);
        for (String page : List.of("/", "/account", "/account/tokens", "/t/" + tenant.slug() + "/records")) {
            HttpResponse<String> response = newcomer.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue("/account/password");
        }
        HttpResponse<String> post = newcomer.postForm("/account/tokens", List.of(Map.entry("name", "Avant"),
                Map.entry("days", "30")));
        assertThat(post.headers().firstValue("Location")).hasValue("/account/password");
        assertThat(services.tokens().personalTokens(user.id())).isEmpty();
        assertThat(newcomer.get("/account/password").body()).contains("mot de passe provisoire");

        HttpResponse<String> api = tokenRequest(email, oneTime);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(api.body()).at("/errors/0/code").asText()).isEqualTo("passwordChangeRequired");
        TestClient script = TestClient.api(services, user);
        HttpResponse<String> search = script.get("/api/v1/tenants/" + tenant.slug() + "/records");
        assertThat(search.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(search.body()).at("/errors/0/code").asText()).isEqualTo("passwordChangeRequired");
        assertThat(TestClient.signIn(email, oneTime).postForm("/logout", List.of()).headers().firstValue("Location"))
                .as("logging out stays possible").hasValue("/login?loggedOut=1");

        assertThat(newcomer.postForm("/account/password", change(oneTime, NEW_PASSWORD, NEW_PASSWORD)).statusCode())
                .isEqualTo(303);

        assertThat(stored(user).mustChange()).isFalse();
        // The new account then answers its invitation, as an existing one would.
        assertThat(newcomer.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(404);
        assertThat(newcomer.get("/").body()).contains("/account/invitations/" + tenant.slug() + "/accept");
        assertThat(newcomer.postForm("/account/invitations/" + tenant.slug() + "/accept", List.of()).statusCode())
                .isEqualTo(303);
        assertThat(newcomer.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(script.get("/api/v1/tenants/" + tenant.slug() + "/records").statusCode())
                .as("a personal token made before the change is revoked").isEqualTo(401);
        assertThat(tokenRequest(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_current_password_counts_as_a_failed_login_and_a_locked_account_has_none_checked() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        Stored before = stored(user);
        Optional<TestThrottle.Counter> address = TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL));
        for (int i = 0; i < LoginThrottle.Limits.ACCOUNT_FAILURES; i++) {
            HttpResponse<String> wrong = here.postForm("/account/password", change("guess " + i, NEW_PASSWORD, NEW_PASSWORD));
            assertThat(wrong.statusCode()).as("guess %d", i + 1).isEqualTo(422);
            assertThat(wrong.body()).contains("Le mot de passe actuel est incorrect.");
        }
        assertThat(TestThrottle.counter(services, TestThrottle.accountKey(user.email())).orElseThrow().lockedUntil())
                .isAfter(Instant.now());

        HttpResponse<String> locked = here.postForm("/account/password", change(TestUsers.PASSWORD, NEW_PASSWORD,
                NEW_PASSWORD));

        assertThat(locked.statusCode()).as("even the right password").isEqualTo(429);
        assertThat(locked.body()).contains("role=\"alert\">" + LOCKED_MESSAGE);
        HttpResponse<String> login = TestLogin.post(user.email(), TestUsers.PASSWORD, "/");
        assertThat(login.statusCode()).as("the login page shares the lock").isEqualTo(429);
        assertThat(login.body()).contains("role=\"alert\">" + LOCKED_MESSAGE);
        assertThat(stored(user)).isEqualTo(before);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.change.failed", user.email()))
                .hasSize(LoginThrottle.Limits.ACCOUNT_FAILURES);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.change.locked", user.email()))
                .singleElement().satisfies(event -> assertThat(TestAudit.details(event)).containsKey("lockedUntil"));
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.changed", user.email())).isEmpty();
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL)))
                .as("a signed-in user's guesses count against the account only").isEqualTo(address);
        assertThat(here.get("/account").statusCode()).as("the session itself stays open").isEqualTo(200);

        TestThrottle.forget(services, TestThrottle.accountKey(user.email()));
        assertThat(here.postForm("/account/password", change(TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
                .statusCode()).as("once the lockout is over").isEqualTo(303);
    }

    @Test
    void a_change_closes_every_other_session_reissues_this_one_and_revokes_every_token() throws Exception {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        TestClient elsewhere = TestClient.browser(user);
        TestClient otherDevice = TestClient.browser(user);
        String records = "/api/v1/tenants/" + tenant.slug() + "/records";
        TestClient loginScript = TestClient.bearer(JSON.readTree(tokenRequest(user.email(), TestUsers.PASSWORD).body())
                .get("token").asText());
        TestClient personalScript = TestClient.api(services, user);
        long expired = services.jdbi().inTransaction(handle -> services.tokens().issue(handle, user.id(), "ancien",
                TokenStore.PERSONAL, Duration.ofDays(30)).token().id());
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE api_tokens SET expires_at = :past WHERE id = :id")
                .bind("past", Instant.now().minusSeconds(60)).bind("id", expired).execute());
        assertThat(loginScript.get(records).statusCode()).isEqualTo(200);
        assertThat(personalScript.get(records).statusCode()).isEqualTo(200);
        String oldCookie = here.sessionCookie();
        assertThat(otherDevice.postForm("/logout", List.of()).statusCode()).as("a session already closed").isEqualTo(303);

        HttpResponse<String> changed = here.postForm("/account/password", change(TestUsers.PASSWORD, NEW_PASSWORD,
                NEW_PASSWORD));

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location"))
                .hasValue("/account?passwordChanged=1&sessionsClosed=1&tokensRevoked=1");
        assertThat(here.sessionCookie()).as("re-issued under a new id").isNotEqualTo(oldCookie);
        assertThat(TestLogin.setCookie(changed, TestLogin.SESSION_COOKIE).orElseThrow()).contains("HttpOnly");
        assertThat(elsewhere.get("/account").statusCode()).as("another browser").isEqualTo(303);
        assertThat(TestClient.anonymous().get("/account", "Cookie", oldCookie).statusCode()).as("the old id").isEqualTo(303);
        assertThat(sessionsOf(user)).singleElement().isEqualTo(
                Secrets.sha256(here.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1)));
        assertThat(here.postForm("/account/tokens", List.of(Map.entry("name", "Après"), Map.entry("days", "30")))
                .statusCode()).as("the new session, with its own CSRF token").isEqualTo(201);
        assertThat(loginScript.get(records).statusCode()).as("a login token").isEqualTo(401);
        assertThat(personalScript.get(records).statusCode()).as("a personal token").isEqualTo(401);

        String page = here.get(changed.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("Votre mot de passe a été changé. Votre autre session ouverte a été fermée. "
                + "Votre jeton d’API personnel a été révoqué : créez-en un nouveau pour vos scripts.");
        assertThat(services.tokens().personalTokens(user.id())).extracting(ApiToken::name, token -> token.revokedAt() != null)
                .containsExactlyInAnyOrder(tuple("Après", false), tuple("test", true), tuple("ancien", false));
        assertThat(here.get("/account/tokens").body()).contains("Révoqué").contains("Expiré");
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.changed", user.email()))
                .singleElement().satisfies(event -> assertThat(TestAudit.details(event)).containsExactlyInAnyOrderEntriesOf(
                        Map.of("otherSessionsClosed", "1", "loginTokensRevoked", "1", "personalTokensRevoked", "1")));
    }

    @Test
    void the_page_says_beforehand_what_a_change_closes_and_afterwards_what_it_closed() {
        TestClient here = TestClient.browser(TestUsers.member(services, tenant, Role.VIEWER, false));

        assertThat(here.get("/account/password").body()).contains("vous déconnecte de vos autres appareils et révoque "
                + "vos jetons d’API, personnels compris");
        assertThat(here.get("/account?passwordChanged=1&sessionsClosed=0&tokensRevoked=0").body())
                .contains("Votre mot de passe a été changé. Aucune autre session n’était ouverte.<")
                .doesNotContain("jeton");
        assertThat(here.get("/account?passwordChanged=1&sessionsClosed=3&tokensRevoked=2", "Accept-Language", "en").body())
                .contains("Your password was changed. Your 3 other open sessions were closed. Your 2 personal API "
                        + "tokens were revoked: create new ones for your scripts.");
    }
}
