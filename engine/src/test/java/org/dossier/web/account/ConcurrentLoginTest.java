package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.Services;
import org.dossier.audit.AuditLog;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.User;
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
 * Guesses sent all at once get no more password checks than guesses sent one after the other:
 * each attempt is counted before its password is checked. Every request comes from 127.0.0.1, so
 * each test starts and ends with that address's counter and its accounts' counters removed.
 */
@Tag("integration")
class ConcurrentLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCOUNT_LIMIT = LoginThrottle.Limits.ACCOUNT_FAILURES;
    private static final int ADDRESS_LIMIT = LoginThrottle.Limits.ADDRESS_FAILURES;
    private static Services services;
    private static Tenant tenant;
    private final List<String> emailsUsed = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "concurrent-login");
    }

    @BeforeEach
    @AfterEach
    void forgetCounters() {
        TestThrottle.forgetLocalAddress(services);
        emailsUsed.forEach(email -> TestThrottle.forget(services, TestThrottle.accountKey(email)));
    }

    @Test
    void thirty_guesses_at_once_at_one_account_get_ten_checks_through_both_doors() throws Exception {
        User target = TestUsers.member(services, tenant, Role.VIEWER, false);
        emailsUsed.add(target.email());
        List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String password = "wrong password " + i;
            if (i % 3 == 0) {
                TestLogin.Form form = TestLogin.form();
                guesses.add(() -> TestClient.anonymous().postForm("/login", List.of(Map.entry("_csrf", form.csrf()),
                        Map.entry("email", target.email()), Map.entry("password", password)), "Cookie", form.cookie()));
            } else {
                guesses.add(() -> token(target.email(), password));
            }
        }

        Map<Integer, Long> statuses = atOnce(guesses);

        assertThat(statuses).isEqualTo(Map.of(401, (long) ACCOUNT_LIMIT, 429, 30L - ACCOUNT_LIMIT));
        Counter account = TestThrottle.counter(services, TestThrottle.accountKey(target.email())).orElseThrow();
        assertThat(account.failures()).isZero();
        assertThat(account.pending()).as("every attempt settled").isZero();
        assertThat(account.lockedUntil()).isAfter(Instant.now());
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL)))
                .as("the address counted the checked guesses only").hasValue(new Counter(ACCOUNT_LIMIT, null));
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "login.failed", target.email()))
                .hasSize(ACCOUNT_LIMIT);
        assertThat(token(target.email(), TestUsers.PASSWORD).statusCode()).as("the right password, now").isEqualTo(429);
    }

    @Test
    void sixty_guesses_at_once_from_one_address_get_fifty_checks() throws Exception {
        List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < ADDRESS_LIMIT + 10; i++) {
            String email = "unknown-" + i + "-" + System.nanoTime() + "@test.example";
            emailsUsed.add(email);
            guesses.add(() -> token(email, "wrong password"));
        }

        Map<Integer, Long> statuses = atOnce(guesses);

        assertThat(statuses).isEqualTo(Map.of(401, (long) ADDRESS_LIMIT, 429, 10L));
        Counter address = TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL)).orElseThrow();
        assertThat(address.failures()).isZero();
        assertThat(address.pending()).as("every attempt settled").isZero();
        assertThat(address.lockedUntil()).isAfter(Instant.now());
        long accountsCounted = emailsUsed.stream()
                .filter(email -> TestThrottle.counter(services, TestThrottle.accountKey(email)).isPresent()).count();
        assertThat(accountsCounted).as("a refused guess is counted nowhere").isEqualTo(ADDRESS_LIMIT);
    }

    @Test
    void thirty_current_password_guesses_at_once_get_ten_checks() throws Exception {
        User user = TestUsers.member(services, tenant, Role.VIEWER, false);
        emailsUsed.add(user.email());
        TestClient browser = TestClient.browser(user);
        List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String guess = "guess number " + i;
            guesses.add(() -> browser.postForm("/account/password", List.of(Map.entry("currentPassword", guess),
                    Map.entry("newPassword", "tout nouveau mot de passe"),
                    Map.entry("confirmPassword", "tout nouveau mot de passe"))));
        }

        Map<Integer, Long> statuses = atOnce(guesses);

        assertThat(statuses).isEqualTo(Map.of(422, (long) ACCOUNT_LIMIT, 429, 30L - ACCOUNT_LIMIT));
        Counter account = TestThrottle.counter(services, TestThrottle.accountKey(user.email())).orElseThrow();
        assertThat(account.pending()).isZero();
        assertThat(account.lockedUntil()).isAfter(Instant.now());
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.change.failed", user.email()))
                .hasSize(ACCOUNT_LIMIT);
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "password.change.locked", user.email()))
                .hasSize(30 - ACCOUNT_LIMIT);
    }

    private static HttpResponse<String> token(String email, String password) {
        return TestClient.anonymous().postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", email).put("password", password).toString());
    }

    /** Sends every request from its own thread, released together; @return how many answers had each status. */
    private static Map<Integer, Long> atOnce(List<Callable<HttpResponse<String>>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (Callable<HttpResponse<String>> request : requests) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).statusCode());
            }
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            threads.shutdownNow();
        }
    }
}
