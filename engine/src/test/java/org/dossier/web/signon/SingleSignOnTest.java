package org.dossier.web.signon;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Signing in through a real OpenID Connect provider running in the test JVM, over HTTP as a
 * browser does it: to the provider, back to the callback, onto a service's page. Every refusal
 * answers a page that says why, opens no session, creates no account and is audited.
 */
@Tag("integration")
class SingleSignOnTest {
    private static final String SESSION_COOKIE = "dossier_session";
    private static Services services;
    private static SignOnFixture fixture;
    private static Tenant tenant;
    private static User member;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        fixture = SignOnFixture.start(true);
        tenant = TestTenants.withBaseForm(services, "sso");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) { // null when the set-up stopped early (no Docker on the MySQL 8 pass)
            fixture.stop();
        }
    }

    // ---- the flow ------------------------------------------------------------------------------

    @Test
    void a_known_verified_email_signs_in_and_the_session_works_on_a_service_page() {
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String next = "/t/" + tenant.slug() + "/records";
        long sessionsBefore = sessionsOf(member);

        HttpResponse<String> start = browser.get(fixture.baseUrl + "/auth/oidc/start?next=" + encode(next));
        assertThat(start.statusCode()).isEqualTo(303);
        String authorize = SignOnFixture.Browser.location(start);
        Map<String, String> asked = query(authorize);
        assertThat(authorize).startsWith(fixture.provider.authorizationEndpointUrl(SignOnFixture.ISSUER_ID).toString());
        assertThat(asked).containsEntry("client_id", SignOnFixture.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", fixture.baseUrl + "/auth/oidc/callback")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(asked.get("scope").split(" ")).contains("openid", "email");

        fixture.provider.enqueueCallback(identity(member.email().toUpperCase(), true, List.of(SignOnFixture.CLIENT_ID), 3600));
        HttpResponse<String> atProvider = browser.get(authorize);
        String callback = SignOnFixture.Browser.location(atProvider);
        assertThat(callback).startsWith(fixture.baseUrl + "/auth/oidc/callback?");

        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(SignOnFixture.Browser.location(back)).isEqualTo(fixture.baseUrl + next);
        String sessionCookie = setCookie(back, SESSION_COOKIE);
        assertThat(sessionCookie).isNotEmpty();
        String sessionId = sessionCookie.substring(SESSION_COOKIE.length() + 1, sessionCookie.indexOf(';'));
        assertThat(sessionsOf(member)).isEqualTo(sessionsBefore + 1);
        assertThat(idTokensKept(sessionId)).isEqualTo(1);

        HttpResponse<String> page = browser.get(fixture.baseUrl + next);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(member.displayName());

        List<AuditEvent> succeeded = TestAudit.events(services, 0, "login.succeeded", member.email());
        assertThat(succeeded).isNotEmpty();
        assertThat(TestAudit.details(succeeded.get(succeeded.size() - 1))).containsEntry("method", "sso");

        // Logging out ends the session here, then at the provider, which sends the browser back.
        String csrf = Jsoup.parse(page.body()).selectFirst("form[action=/logout] input[name=_csrf]").attr("value");
        HttpResponse<String> logout = browser.postForm(fixture.baseUrl + "/logout", "_csrf=" + encode(csrf));
        assertThat(logout.statusCode()).isEqualTo(303);
        String endSession = SignOnFixture.Browser.location(logout);
        assertThat(endSession).startsWith(fixture.provider.endSessionEndpointUrl(SignOnFixture.ISSUER_ID).toString());
        assertThat(query(endSession)).containsEntry("client_id", SignOnFixture.CLIENT_ID)
                .containsEntry("post_logout_redirect_uri", fixture.baseUrl + "/login?loggedOut=1")
                .containsKey("id_token_hint");
        assertThat(sessionsOf(member)).isEqualTo(sessionsBefore);
        assertThat(idTokensKept(sessionId)).isZero();
        // The provider adds its state to the address (this one without a proper '&').
        assertThat(SignOnFixture.Browser.location(browser.get(endSession))).startsWith(fixture.baseUrl + "/login?loggedOut=1");
        assertThat(browser.get(fixture.baseUrl + next).statusCode()).isEqualTo(303);
    }

    @Test
    void a_replayed_callback_is_refused_even_with_the_state_cookie() {
        SignOnFixture.Browser browser = SignOnFixture.browser();
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        String callback = callbackFor(browser, identity(user.email(), true, List.of(SignOnFixture.CLIENT_ID), 3600));
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
        long sessions = sessionsOf(user);

        String state = query(callback).get("state");
        HttpResponse<String> sameBrowser = browser.get(callback, "Cookie", SignOnPages.STATE_COOKIE + "=" + state);
        assertRefused(sameBrowser, 400, "Cette connexion a expiré ou a déjà servi.");
        HttpResponse<String> otherBrowser = SignOnFixture.browser().get(callback);
        assertRefused(otherBrowser, 400, "Cette connexion a expiré ou a déjà servi.");
        assertThat(sessionsOf(user)).isEqualTo(sessions);
    }

    @Test
    void a_callback_carried_to_another_browser_is_refused() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        // No token is queued at the provider: the callback is refused before any code exchange.
        String callback = callbackFor(SignOnFixture.browser(), null);

        assertRefused(SignOnFixture.browser().get(callback), 400, "Cette connexion a expiré ou a déjà servi.");
        assertThat(sessionsOf(user)).isZero();
    }

    @Test
    void an_email_only_in_the_userinfo_answer_is_read_there() {
        // As ProConnect does: the ID token says who (sub), the userinfo endpoint gives the e-mail.
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        String callback = SignOnFixture.Browser.location(browser.get(authorize));
        SignedJWT idToken = fixture.provider.issueToken(SignOnFixture.ISSUER_ID, SignOnFixture.CLIENT_ID,
                new DefaultOAuth2TokenCallback(SignOnFixture.ISSUER_ID, "agent-42", "JWT", List.of(SignOnFixture.CLIENT_ID),
                        Map.of("nonce", query(authorize).get("nonce")), 3600));
        SignedJWT accessToken = fixture.provider.issueToken(SignOnFixture.ISSUER_ID, SignOnFixture.CLIENT_ID,
                new DefaultOAuth2TokenCallback(SignOnFixture.ISSUER_ID, "agent-42", "JWT", List.of("userinfo"),
                        Map.of("email", user.email(), "email_verified", true), 3600));
        fixture.scripted.answerNextWith(idToken.serialize(), accessToken.serialize());

        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(sessionsOf(user)).isEqualTo(1);
    }

    @Test
    void an_invited_account_entered_through_the_provider_spends_its_one_time_password() {
        User invited = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE users SET must_change_password = TRUE WHERE id = :id").bind("id", invited.id()).execute());
        String hashBefore = passwordHash(invited);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String next = "/t/" + tenant.slug() + "/records";
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start?next=" + encode(next)));
        fixture.provider.enqueueCallback(identity(invited.email(), true, List.of(SignOnFixture.CLIENT_ID), 3600));

        HttpResponse<String> back = browser.get(SignOnFixture.Browser.location(browser.get(authorize)));

        assertThat(SignOnFixture.Browser.location(back)).isEqualTo(fixture.baseUrl + next);
        assertThat(browser.get(fixture.baseUrl + next).statusCode()).isEqualTo(200);
        assertThat(passwordHash(invited)).isNotEqualTo(hashBefore);
        assertThat(services.accounts().findById(invited.id()).orElseThrow().mustChangePassword()).isFalse();
        List<AuditEvent> succeeded = TestAudit.events(services, 0, "login.succeeded", invited.email());
        assertThat(TestAudit.details(succeeded.get(succeeded.size() - 1))).containsEntry("oneTimePasswordSpent", "true");
    }

    // ---- the token refused ---------------------------------------------------------------------

    @Test
    void a_token_for_another_audience_is_refused() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        String callback = SignOnFixture.Browser.location(browser.get(authorize));
        // Signed by the provider's own key, with the right nonce: only the audience is another client's.
        SignedJWT forAnother = fixture.provider.issueToken(SignOnFixture.ISSUER_ID, "another-client",
                new DefaultOAuth2TokenCallback(SignOnFixture.ISSUER_ID, "subject", "JWT", List.of("another-client"),
                        Map.of("nonce", query(authorize).get("nonce"), "email", user.email(), "email_verified", true),
                        3600));
        fixture.scripted.answerNextWith(forAnother.serialize());

        assertRefused(browser.get(callback), 401, "La réponse du fournisseur d’identité n’a pas pu être vérifiée.");
        assertThat(sessionsOf(user)).isZero();
        assertThat(lastFailure("sso")).containsEntry("reason", "ssoInvalidToken").extractingByKey("detail")
                .asString().contains("audience");
    }

    @Test
    void an_expired_token_is_refused() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        assertExpiredTokenRefused(user, identity(user.email(), true, List.of(SignOnFixture.CLIENT_ID), -600));
    }

    @Test
    void a_token_issued_for_another_login_is_refused() {
        // A genuine token of the provider, for us, but with the nonce of another login: a replayed ID token.
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        String callback = SignOnFixture.Browser.location(browser.get(authorize));
        SignedJWT replayed = fixture.provider.issueToken(SignOnFixture.ISSUER_ID, SignOnFixture.CLIENT_ID,
                new DefaultOAuth2TokenCallback(SignOnFixture.ISSUER_ID, "subject", "JWT", List.of(SignOnFixture.CLIENT_ID),
                        Map.of("nonce", "the-nonce-of-another-login", "email", user.email(), "email_verified", true),
                        3600));
        fixture.scripted.answerNextWith(replayed.serialize());

        assertRefused(browser.get(callback), 401, "La réponse du fournisseur d’identité n’a pas pu être vérifiée.");
        assertThat(sessionsOf(user)).isZero();
        assertThat(lastFailure("sso")).containsEntry("reason", "ssoInvalidToken").extractingByKey("detail")
                .asString().containsIgnoringCase("nonce");
    }

    @Test
    void a_token_signed_by_another_key_is_refused() throws Exception {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        String callback = SignOnFixture.Browser.location(browser.get(authorize));
        // Everything right but the key: the provider's issuer, our audience, the nonce asked for,
        // and the provider's own key id, over a signature made with a key of the attacker's.
        String kid = JWKSet.load(fixture.provider.jwksUrl(SignOnFixture.ISSUER_ID).url()).getKeys().get(0).getKeyID();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();
        Date now = new Date();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder()
                        .issuer(fixture.provider.issuerUrl(SignOnFixture.ISSUER_ID).toString())
                        .audience(SignOnFixture.CLIENT_ID).subject("forged")
                        .claim("nonce", query(authorize).get("nonce"))
                        .claim("email", user.email()).claim("email_verified", true)
                        .issueTime(now).expirationTime(new Date(now.getTime() + 3_600_000)).build());
        forged.sign(new RSASSASigner(forger));
        fixture.scripted.answerNextWith(forged.serialize());

        assertRefused(browser.get(callback), 401, "La réponse du fournisseur d’identité n’a pas pu être vérifiée.");
        assertThat(sessionsOf(user)).isZero();
        assertThat(lastFailure("sso")).containsEntry("reason", "ssoInvalidToken").extractingByKey("detail")
                .asString().containsIgnoringCase("signature");
    }

    // ---- the person refused --------------------------------------------------------------------

    @Test
    void an_email_without_an_account_is_refused_and_no_account_is_created() {
        String stranger = "stranger-" + System.nanoTime() + "@test.example";
        long users = countUsers();
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String callback = callbackFor(browser, identity(stranger, true, List.of(SignOnFixture.CLIENT_ID), 3600));
        assertRefused(browser.get(callback), 403, "Aucun compte Dossier ne correspond à votre adresse e-mail.");
        assertThat(countUsers()).isEqualTo(users);
        assertThat(lastFailure(stranger)).containsEntry("method", "sso").containsEntry("reason", "ssoUnknownAccount");
    }

    @Test
    void an_unverified_email_is_refused_in_english_too() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String callback = callbackFor(browser, identity(user.email(), false, List.of(SignOnFixture.CLIENT_ID), 3600));

        HttpResponse<String> refused = browser.get(callback, "Accept-Language", "en");
        assertRefused(refused, 403, "The identity provider does not vouch for a verified e-mail address of yours.");
        assertThat(refused.body()).contains("Sign-in failed");
        assertThat(sessionsOf(user)).isZero();
    }

    @Test
    void a_refusal_at_the_provider_is_said_and_spends_the_state() {
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        String state = query(authorize).get("state");
        String denied = fixture.baseUrl + "/auth/oidc/callback?error=access_denied&state=" + state;

        assertRefused(browser.get(denied, "Cookie", SignOnPages.STATE_COOKIE + "=" + state), 403,
                "La connexion a été refusée ou annulée auprès du fournisseur d’identité.");
        assertRefused(browser.get(denied, "Cookie", SignOnPages.STATE_COOKIE + "=" + state), 400,
                "Cette connexion a expiré ou a déjà servi.");
    }

    @Test
    void a_member_of_suspended_services_only_is_refused_as_at_the_password_login() {
        Tenant suspended = TestTenants.withBaseForm(services, "sso-suspended");
        User user = TestUsers.member(services, suspended, Role.CASEWORKER, false);
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE tenants SET status = 'suspended' WHERE id = :id")
                .bind("id", suspended.id().value()).execute());
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String callback = callbackFor(browser, identity(user.email(), true, List.of(SignOnFixture.CLIENT_ID), 3600));

        assertRefused(browser.get(callback), 403, "Votre service est suspendu");
        assertThat(sessionsOf(user)).isZero();
    }

    // ---- the login page --------------------------------------------------------------------------

    @Test
    void the_login_page_offers_the_provider_beside_the_password() {
        HttpResponse<String> login = SignOnFixture.browser().get(fixture.baseUrl + "/login?next=%2Faccount");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"/auth/oidc/start\"", "Se connecter avec MonFournisseur",
                "name=\"next\" value=\"/account\"", "name=\"password\"");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void assertExpiredTokenRefused(User user, DefaultOAuth2TokenCallback token) {
        long users = countUsers();
        SignOnFixture.Browser browser = SignOnFixture.browser();
        String callback = callbackFor(browser, token);

        HttpResponse<String> refused = browser.get(callback);
        assertRefused(refused, 401, "La réponse du fournisseur d’identité n’a pas pu être vérifiée.");
        assertThat(sessionsOf(user)).isZero();
        assertThat(countUsers()).isEqualTo(users);
        assertThat(lastFailure("sso")).containsEntry("method", "sso").containsEntry("reason", "ssoInvalidToken")
                .extractingByKey("detail").asString().containsIgnoringCase("expired");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
        assertThat(setCookie(response, SESSION_COOKIE)).isEmpty();
    }

    /**
     * Starts a login in {@code browser} and passes the provider, which will issue {@code token} (if
     * not null) at the code exchange; answers the callback URL.
     */
    private static String callbackFor(SignOnFixture.Browser browser, DefaultOAuth2TokenCallback token) {
        String authorize = SignOnFixture.Browser.location(browser.get(fixture.baseUrl + "/auth/oidc/start"));
        if (token != null) {
            fixture.provider.enqueueCallback(token);
        }
        return SignOnFixture.Browser.location(browser.get(authorize));
    }

    private static DefaultOAuth2TokenCallback identity(String email, boolean verified, List<String> audience,
                                                       long expirySeconds) {
        return new DefaultOAuth2TokenCallback(SignOnFixture.ISSUER_ID, "subject-" + email, "JWT", audience,
                Map.of("email", email, "email_verified", verified), expirySeconds);
    }

    private static Map<String, String> lastFailure(String actor) {
        List<AuditEvent> failed = TestAudit.events(services, 0, "login.failed", actor);
        assertThat(failed).as("login.failed by " + actor).isNotEmpty();
        return TestAudit.details(failed.get(failed.size() - 1));
    }

    private static long sessionsOf(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sessions WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Long.class).one());
    }

    /** The ID token kept for the provider's logout of this session: 1 or 0. */
    private static long idTokensKept(String sessionId) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM oidc_sessions WHERE session_hash = :hash")
                .bind("hash", Secrets.sha256(sessionId)).mapTo(Long.class).one());
    }

    private static String passwordHash(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", user.id()).mapTo(String.class).one());
    }

    private static long countUsers() {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM users")
                .mapTo(Long.class).one());
    }

    private static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(name + "=") && !cookie.startsWith(name + "=;"))
                .findFirst().orElse("");
    }

    private static Map<String, String> query(String url) {
        String query = url.substring(url.indexOf('?') + 1);
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (first, second) -> first));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
