package org.dossier.web.signon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With {@code DOSSIER_PASSWORD_LOGIN=off}: the login page offers only the provider, and no route checks a password. */
@Tag("integration")
class PasswordLoginOffTest {
    private static Services services;
    private static SignOnFixture fixture;
    private static User member;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        // The secret in the form body rather than a Basic header, as ProConnect's documentation shows it.
        fixture = SignOnFixture.start(false, Optional.of("post"));
        Tenant tenant = TestTenants.withBaseForm(services, "ssoonly");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) { // null when the set-up stopped early (no Docker on the MySQL 8 pass)
            fixture.stop();
        }
    }

    @Test
    void the_login_page_shows_only_the_provider_button() {
        HttpResponse<String> login = SignOnFixture.browser().get(fixture.baseUrl + "/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"/auth/oidc/start\"", "Se connecter avec MonFournisseur")
                .doesNotContain("name=\"password\"", "action=\"/login\"");
    }

    @Test
    void a_password_post_is_refused_even_with_the_right_password() throws Exception {
        long sessions = sessionsOf(member);
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + member.email() + "&password="
                        + TestUsers.PASSWORD.replace(' ', '+'))).build());

        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).contains("La connexion par mot de passe est désactivée");
        assertThat(posted.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("dossier_session="));
        assertThat(sessionsOf(member)).isEqualTo(sessions);
    }

    @Test
    void the_api_refuses_a_password_for_a_token() throws Exception {
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(fixture.baseUrl + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + member.email() + "\",\"password\":\""
                        + TestUsers.PASSWORD + "\"}")).build());

        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).contains("passwordLoginOff").doesNotContain("token\":");
    }

    @Test
    void signing_on_still_works_with_the_secret_in_the_body() throws Exception {
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        fixture.provider.enqueueCallback(new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                SignOnFixture.ISSUER_ID, "s", "JWT", List.of(SignOnFixture.CLIENT_ID),
                Map.of("email", member.email(), "email_verified", true), 3600));
        String callback = SignOnFixture.Browser.location(browser.get(authorize));

        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(browser.get(fixture.baseUrl + "/account").statusCode()).isEqualTo(200);
        RecordedRequest token = tokenRequest();
        assertThat(token.getHeader("Authorization")).isNull();
        assertThat(token.getBody().readUtf8()).contains("client_secret=" + SignOnFixture.CLIENT_SECRET);
    }

    /** The code exchange as the provider received it. */
    private static RecordedRequest tokenRequest() throws InterruptedException {
        for (RecordedRequest request = fixture.provider.takeRequest(5, TimeUnit.SECONDS); request != null;
             request = fixture.provider.takeRequest(5, TimeUnit.SECONDS)) {
            if ("POST".equals(request.getMethod()) && request.getPath().endsWith("/token")) {
                return request;
            }
        }
        throw new AssertionError("the provider received no token request");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long sessionsOf(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sessions WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Long.class).one());
    }
}
