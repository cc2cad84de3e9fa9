package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Session timeouts as the running app applies them (30 minutes idle, 12 hours in all by default).
 * The app's clock is the system's, so a session is aged by moving its stored times back;
 * {@code SessionStoreTest} covers the same rules on a clock the test moves.
 */
@Tag("integration")
class SessionTimeoutTest {
    private static Services services;
    private static User user;

    /** The stored times of a session. */
    private record Times(Instant createdAt, Instant lastSeenAt) {}

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        user = TestUsers.user(services, "timeout", false);
    }

    private static byte[] hashOf(TestClient browser) {
        return Secrets.sha256(browser.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1));
    }

    private static void age(TestClient browser, Duration sinceLogin, Duration sinceLastRequest) {
        Instant now = Instant.now();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE sessions SET created_at = :created, last_seen_at = :seen WHERE id_hash = :hash")
                .bind("created", now.minus(sinceLogin)).bind("seen", now.minus(sinceLastRequest))
                .bind("hash", hashOf(browser)).execute());
    }

    private static Optional<Times> stored(TestClient browser) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT created_at, last_seen_at FROM sessions WHERE id_hash = :hash")
                .bind("hash", hashOf(browser))
                .map((rs, ctx) -> new Times(rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .findOne());
    }

    private static void assertSentToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=%2Faccount");
    }

    @Test
    void a_request_within_thirty_idle_minutes_keeps_the_session_and_is_recorded_as_activity() {
        TestClient browser = TestClient.browser(user);
        age(browser, Duration.ofMinutes(50), Duration.ofMinutes(29));

        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        Times times = stored(browser).orElseThrow();
        assertThat(times.lastSeenAt()).isAfter(Instant.now().minusSeconds(60));
        assertThat(times.createdAt()).as("the login time does not move").isBefore(Instant.now().minus(Duration.ofMinutes(49)));
    }

    @Test
    void thirty_one_idle_minutes_end_the_session_and_delete_it() {
        TestClient browser = TestClient.browser(user);
        age(browser, Duration.ofMinutes(40), Duration.ofMinutes(31));

        assertSentToLogin(browser.get("/account"));
        assertThat(stored(browser)).isEmpty();
    }

    @Test
    void twelve_hours_after_login_the_session_ends_however_active() {
        TestClient browser = TestClient.browser(user);
        age(browser, Duration.ofHours(12).minusMinutes(1), Duration.ofMinutes(2));
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        age(browser, Duration.ofHours(12).plusMinutes(1), Duration.ofMinutes(2));

        assertSentToLogin(browser.get("/account"));
        assertThat(stored(browser)).isEmpty();
    }

    @Test
    void an_expired_session_cannot_post_either() {
        TestClient browser = TestClient.browser(user);
        age(browser, Duration.ofMinutes(40), Duration.ofMinutes(31));

        HttpResponse<String> response = browser.postForm("/account/tokens", List.of(Map.entry("name", "Trop tard"),
                Map.entry("days", "30")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(services.tokens().personalTokens(user.id())).isEmpty();
    }
}
