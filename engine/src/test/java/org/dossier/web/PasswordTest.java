package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Changing one's password, and the one-time password an admin's new account must change first. */
@Tag("integration")
class PasswordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private static final String NEW_PASSWORD = "tout nouveau mot de passe";
    private static Services services;
    private static Tenant tenant;
    private static TestClient adminBrowser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "password");
        adminBrowser = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
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
        assertThat(TestAudit.events(services, tenant.id().value(), "password.changed", user.email())).isEmpty();
    }

    @Test
    void a_new_password_replaces_the_old_one_and_closes_the_other_sessions_only() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient here = TestClient.browser(user);
        TestClient elsewhere = TestClient.browser(user);

        HttpResponse<String> changed = here.postForm("/account/password", change(TestUsers.PASSWORD, NEW_PASSWORD,
                NEW_PASSWORD));

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).hasValue("/account?passwordChanged=1");
        assertThat(here.get("/account?passwordChanged=1").body()).contains("Votre mot de passe a été changé.");
        assertThat(elsewhere.get("/account").statusCode()).isEqualTo(303);
        assertThat(sessionsOf(user)).singleElement().isEqualTo(
                Secrets.sha256(here.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1)));
        assertThat(TestAudit.events(services, tenant.id().value(), "password.changed", user.email())).hasSize(1);

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
        assertThat(newcomer.get("/t/" + tenant.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(script.get("/api/v1/tenants/" + tenant.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(tokenRequest(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }
}
