package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestThrottle;
import org.dossier.testing.TestThrottle.Counter;
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
 * {@code LoginThrottleTest} covers the window on a clock it sets.
 */
@Tag("integration")
class ThrottleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCOUNT_LIMIT = LoginThrottle.Limits.ACCOUNT_FAILURES;
    private static final int ADDRESS_LIMIT = LoginThrottle.Limits.ADDRESS_FAILURES;
    private static final String LOCKED_MESSAGE = "Trop de tentatives de connexion infructueuses.";
    private static Services services;
    private static Tenant tenant;
    private final List<String> emailsUsed = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "throttle");
    }

    @BeforeEach
    @AfterEach
    void forgetCounters() {
        TestThrottle.forgetLocalAddress(services);
        emailsUsed.forEach(email -> delete(accountKey(email)));
    }

    private static byte[] addressKey() {
        return TestThrottle.addressKey(TestThrottle.LOCAL);
    }

    private static byte[] accountKey(String email) {
        return TestThrottle.accountKey(email);
    }

    private static void delete(byte[] key) {
        TestThrottle.forget(services, key);
    }

    private static Optional<Counter> counter(byte[] key) {
        return TestThrottle.counter(services, key);
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
        for (int i = 0; i < ACCOUNT_LIMIT; i++) {
            HttpResponse<String> failed = i % 2 == 0 ? viaPage(target.email(), "wrong password " + i)
                    : viaApi(target.email(), "wrong password " + i);
            assertThat(failed.statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }
        Counter locked = counter(accountKey(target.email())).orElseThrow();
        assertThat(locked.lockedUntil()).isBetween(Instant.now().plus(LoginThrottle.LOCKOUT).minusSeconds(60),
                Instant.now().plus(LoginThrottle.LOCKOUT));
        assertThat(counter(addressKey()).orElseThrow()).as("the address is far from its limit")
                .isEqualTo(new Counter(ACCOUNT_LIMIT, null));

        assertLockedOut(viaPage(target.email(), TestUsers.PASSWORD), viaApi(target.email(), TestUsers.PASSWORD));
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "login.succeeded", target.email())).isEmpty();
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
        for (int i = 0; i < ACCOUNT_LIMIT; i++) {
            assertThat(viaApi(unknown, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        assertThat(counter(addressKey()).orElseThrow().lockedUntil()).isNull();

        assertLockedOut(viaPage(unknown, "any password"), viaApi(unknown, "any password"));
    }

    @Test
    void fifty_failures_from_one_address_lock_it_for_every_account() throws Exception {
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
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
    void a_success_starts_the_accounts_count_again() {
        User user = account();
        for (int i = 0; i < ACCOUNT_LIMIT - 1; i++) {
            assertThat(viaApi(user.email(), "wrong password " + i).statusCode()).isEqualTo(401);
        }
        assertThat(counter(accountKey(user.email())).orElseThrow().failures()).isEqualTo(ACCOUNT_LIMIT - 1);
        assertThat(counter(addressKey()).orElseThrow().failures()).isEqualTo(ACCOUNT_LIMIT - 1);

        assertThat(viaApi(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(counter(accountKey(user.email()))).isEmpty();
        assertThat(counter(addressKey()).orElseThrow().failures()).as("the address's count runs on")
                .isEqualTo(ACCOUNT_LIMIT - 1);

        assertThat(viaPage(user.email(), "wrong again").statusCode()).isEqualTo(401);
        assertThat(counter(accountKey(user.email())).orElseThrow()).isEqualTo(new Counter(1, null));
        assertThat(viaPage(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void an_attacker_signing_in_to_their_own_account_between_guesses_is_still_locked_out_by_address() throws Exception {
        User own = account();
        List<User> victims = new ArrayList<>();
        for (int i = 0; i * (ACCOUNT_LIMIT - 1) < ADDRESS_LIMIT; i++) {
            victims.add(account());
        }
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            String victim = victims.get(i % victims.size()).email();
            HttpResponse<String> guess = i % 2 == 0 ? viaPage(victim, "guess " + i) : viaApi(victim, "guess " + i);
            assertThat(guess.statusCode()).as("guess %d", i + 1).isEqualTo(401);
            if (i % 5 == 0 && i + 1 < ADDRESS_LIMIT) {
                assertThat(viaPage(own.email(), TestUsers.PASSWORD).statusCode()).as("own login after guess %d", i + 1)
                        .isEqualTo(303);
            }
        }
        victims.forEach(victim -> assertThat(counter(accountKey(victim.email())).orElseThrow().lockedUntil())
                .as("no victim reached its own limit").isNull());

        assertLockedOut(viaPage(own.email(), TestUsers.PASSWORD), viaApi(own.email(), TestUsers.PASSWORD));
        assertLockedOut(viaPage(victims.get(0).email(), TestUsers.PASSWORD),
                viaApi(victims.get(0).email(), TestUsers.PASSWORD));
    }

    @Test
    void an_office_behind_one_address_where_many_people_mistype_is_not_locked_out() {
        int colleagues = 12;
        for (int i = 0; i < colleagues; i++) {
            User colleague = account();
            assertThat(viaPage(colleague.email(), "typo one").statusCode()).isEqualTo(401);
            assertThat(viaApi(colleague.email(), "typo two").statusCode()).isEqualTo(401);
            assertThat(viaPage(colleague.email(), TestUsers.PASSWORD).statusCode()).as("colleague %d", i + 1)
                    .isEqualTo(303);
        }

        Counter address = counter(addressKey()).orElseThrow();
        assertThat(address.failures()).as("more failures than one account may make").isEqualTo(2 * colleagues)
                .isGreaterThan(ACCOUNT_LIMIT);
        assertThat(address.lockedUntil()).isNull();
        assertThat(viaApi(account().email(), TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }
}
