package org.dossier.web.keep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The endpoint behind "stay signed in": it records activity now, only for a signed-in browser
 * sending its CSRF token; and the warning itself is no part of a page without JavaScript.
 */
@Tag("integration")
class SessionExtendTest {
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "extend");
    }

    private static byte[] hashOf(TestClient browser) {
        return Secrets.sha256(browser.sessionCookie().substring(TestLogin.SESSION_COOKIE.length() + 1));
    }

    private static void lastSeen(TestClient browser, Instant when) {
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE sessions SET last_seen_at = :when WHERE id_hash = :hash")
                .bind("when", when).bind("hash", hashOf(browser)).execute());
    }

    private static Instant lastSeen(TestClient browser) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT last_seen_at FROM sessions WHERE id_hash = :hash")
                .bind("hash", hashOf(browser)).mapTo(java.sql.Timestamp.class).one().toInstant());
    }

    @Test
    void extending_records_activity_now_and_says_how_long_the_session_has_left() {
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        // Seen 20 seconds ago: a plain request would not write it again (at most once a minute).
        lastSeen(browser, Instant.now().minusSeconds(20));

        HttpResponse<String> answer = browser.send("POST", "/session/extend", null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(answer).path("expiresInSeconds").asLong())
                .isBetween(Duration.ofMinutes(29).toSeconds(), Duration.ofMinutes(30).toSeconds());
        assertThat(lastSeen(browser)).isAfter(Instant.now().minusSeconds(5));
    }

    @Test
    void extending_needs_the_sessions_csrf_token_and_a_session() {
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient browser = TestClient.browser(user);
        Instant before = Instant.now().minusSeconds(20);
        lastSeen(browser, before);

        HttpResponse<String> forged = TestClient.anonymous().send("POST", "/session/extend", null, null);
        HttpResponse<String> withoutToken = TestClient.anonymous().postForm("/session/extend", java.util.List.of(),
                "Cookie", browser.sessionCookie());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(lastSeen(browser)).isBefore(before.plusSeconds(1));
    }

    @Test
    void a_signed_in_page_holds_the_warning_only_in_a_template_and_a_signed_out_one_not_at_all() {
        TestClient browser = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));

        Document page = Jsoup.parse(browser.get("/t/" + tenant.slug() + "/records").body());
        Document login = Jsoup.parse(TestClient.anonymous().get("/login").body());

        assertThat(page.select("template#session-warning").attr("data-idle-seconds")).isEqualTo("1800");
        assertThat(page.select("[role=alertdialog]")).as("outside the template: nothing a page without JavaScript shows")
                .allMatch(dialog -> dialog.parents().stream().anyMatch(parent -> parent.nameIs("template")));
        assertThat(page.select("template#session-warning").first().html()).contains("role=\"alertdialog\"");
        assertThat(login.select("template#session-warning")).isEmpty();
        assertThat(login.select("script[src$=session.js]")).isEmpty();
    }
}
