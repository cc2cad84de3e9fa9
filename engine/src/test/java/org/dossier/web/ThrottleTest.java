package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Emails;
import org.dossier.account.LoginThrottle;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Login throttling through both doors, the login page and the token route. Every request of the
 * test JVM comes from 127.0.0.1, so the address counter is shared with every other class: each
 * test starts and ends with that counter and its own accounts' counters removed. (Surefire runs
 * the classes one after the other in this JVM, so no other class is logging in meanwhile.)
 */
@Tag("integration")
class ThrottleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "127.0.0.1";
    private static final String LOCKED_MESSAGE = "Trop de tentatives de connexion infructueuses.";
    private static Services services;
    private static Tenant tenant;
    private final List<String> emailsUsed = new ArrayList<>();

    /** The stored counter of one key. */
    private record Counter(int failures, Instant lockedUntil) {}

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "throttle");
    }

    @BeforeEach
    @AfterEach
    void forgetCounters() {
        delete(addressKey());
        emailsUsed.forEach(email -> delete(accountKey(email)));
    }

    private static byte[] addressKey() {
        return Secrets.sha256("address:" + ADDRESS);
    }

    private static byte[] accountKey(String email) {
        return Secrets.sha256("account:" + Emails.normalize(email));
    }

    private static void delete(byte[] key) {
        services.jdbi().useHandle(handle -> handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key = :key")
                .bind("key", key).execute());
    }

    private static Optional<Counter> counter(byte[] key) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT failures, locked_until FROM login_throttle WHERE throttle_key = :key")
                .bind("key", key)
                .map((rs, ctx) -> new Counter(rs.getInt("failures"),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant()))
                .findOne());
    }

    private User account() {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        emailsUsed.add(user.email());
        return user;
    }

    private String unknownEmail() {
        String email = "unknown-" + System.nanoTime() + "@test.example";
        emailsUsed.add(email);
        return email;
    }

    private static HttpResponse<String> viaPage(String email, String password) {
        return TestLogin.post(email, password, "/");
    }

    private static HttpResponse<String> viaApi(String email, String password) {
        return TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", email).put("password", password).toString());
    }

    private static void assertLockedOut(HttpResponse<String> page, HttpResponse<String> api) throws Exception {
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains(LOCKED_MESSAGE);
        assertThat(TestLogin.setCookie(page, TestLogin.SESSION_COOKIE)).isEmpty();
        assertThat(api.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(api.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LoginThrottle.LOCKOUT.toSeconds());
        JsonNode error = JSON.readTree(api.body()).at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("loginLocked");
        assertThat(JSON.readTree(api.body()).has("token")).isFalse();
    }

    @Test
    void ten_failures_lock_the_account_even_against_the_right_password_on_both_doors() throws Exception {
        User target = account();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            HttpResponse<String> failed = i % 2 == 0 ? viaPage(target.email(), "wrong password " + i)
                    : viaApi(target.email(), "wrong password " + i);
            assertThat(failed.statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }
        Counter locked = counter(accountKey(target.email())).orElseThrow();
        assertThat(locked.lockedUntil()).isBetween(Instant.now().plus(LoginThrottle.LOCKOUT).minusSeconds(60),
                Instant.now().plus(LoginThrottle.LOCKOUT));
        // The address was locked by the same ten failures; without it, the account's own lock must hold.
        delete(addressKey());

        assertLockedOut(viaPage(target.email(), TestUsers.PASSWORD), viaApi(target.email(), TestUsers.PASSWORD));
        assertThat(TestAudit.events(services, tenant.id().value(), "login.succeeded", target.email())).isEmpty();
        assertThat(viaPage(account().email(), TestUsers.PASSWORD).statusCode()).as("another account, same address")
                .isEqualTo(303);

        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE login_throttle SET locked_until = :past WHERE throttle_key = :key")
                .bind("past", Instant.now().minusSeconds(1)).bind("key", accountKey(target.email())).execute());
        assertThat(viaPage(target.email(), TestUsers.PASSWORD).statusCode()).as("once the lockout is over").isEqualTo(303);
        assertThat(counter(accountKey(target.email()))).as("a success clears the account's counter").isEmpty();
    }

    @Test
    void an_unknown_email_is_locked_out_exactly_like_an_account() throws Exception {
        String unknown = unknownEmail();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(viaApi(unknown, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        delete(addressKey());

        assertLockedOut(viaPage(unknown, "any password"), viaApi(unknown, "any password"));
    }

    @Test
    void ten_failures_from_one_address_lock_it_for_every_account() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            String email = i % 2 == 0 ? unknownEmail() : account().email();
            assertThat(viaPage(email, "wrong password").statusCode()).isEqualTo(401);
            assertThat(counter(accountKey(email)).orElseThrow()).as("one failure per account")
                    .isEqualTo(new Counter(1, null));
        }
        assertThat(counter(addressKey()).orElseThrow().lockedUntil()).isAfter(Instant.now());
        User innocent = account();

        assertLockedOut(viaPage(innocent.email(), TestUsers.PASSWORD), viaApi(innocent.email(), TestUsers.PASSWORD));
        assertThat(counter(accountKey(innocent.email()))).as("a refused attempt is not counted").isEmpty();

        delete(addressKey());
        assertThat(viaPage(innocent.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void only_failures_in_a_row_count_a_success_starts_again() {
        User user = account();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            assertThat(viaApi(user.email(), "wrong password " + i).statusCode()).isEqualTo(401);
        }
        assertThat(counter(accountKey(user.email())).orElseThrow().failures()).isEqualTo(LoginThrottle.MAX_FAILURES - 1);
        assertThat(counter(addressKey()).orElseThrow().failures()).isEqualTo(LoginThrottle.MAX_FAILURES - 1);

        assertThat(viaApi(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(counter(accountKey(user.email()))).isEmpty();
        assertThat(counter(addressKey())).as("other classes are not locked out by this one").isEmpty();

        assertThat(viaPage(user.email(), "wrong again").statusCode()).isEqualTo(401);
        assertThat(counter(accountKey(user.email())).orElseThrow()).isEqualTo(new Counter(1, null));
        assertThat(viaPage(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(303);
    }
}
