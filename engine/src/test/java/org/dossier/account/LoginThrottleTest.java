package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dossier.testing.TestThrottle;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failures per account and per client address within a window, on clocks the test sets; addresses
 * here are fake, so no other test is locked out.
 */
@Tag("integration")
class LoginThrottleTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final int ACCOUNT = LoginThrottle.Limits.ACCOUNT_FAILURES;
    private static final int ADDRESS = LoginThrottle.Limits.ADDRESS_FAILURES;

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static String email() {
        return unique("someone") + "@test.example";
    }

    private static LoginThrottle at(Instant now) {
        return new LoginThrottle(TestDatabase.services().jdbi(), Clock.fixed(now, ZoneOffset.UTC),
                LoginThrottle.Limits.defaults());
    }

    @Test
    void the_address_limit_is_higher_than_the_account_one() {
        assertThat(ADDRESS).isGreaterThan(ACCOUNT);
    }

    @Test
    void failures_from_one_address_lock_it_for_every_account_until_the_lockout_ends() {
        LoginThrottle throttle = at(START);
        String address = unique("198.51.100");
        for (int i = 0; i < ADDRESS - 1; i++) {
            throttle.begin(email(), address).failed();
        }
        assertThat(throttle.lockedUntil(email(), address)).isEmpty();

        throttle.begin(email(), address).failed();

        assertThat(throttle.lockedUntil(email(), address)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email(), unique("203.0.113"))).isEmpty();
        assertThat(at(START.plus(LoginThrottle.LOCKOUT).plusSeconds(1)).lockedUntil(email(), address)).isEmpty();
    }

    @Test
    void failures_at_one_account_lock_it_from_every_address() {
        LoginThrottle throttle = at(START);
        String email = email();
        for (int i = 0; i < ACCOUNT - 1; i++) {
            throttle.begin(email, unique("192.0.2")).failed();
        }
        assertThat(throttle.lockedUntil(email, unique("192.0.2"))).isEmpty();

        throttle.begin(email, unique("192.0.2")).failed();

        assertThat(throttle.lockedUntil(email, unique("192.0.2"))).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.accountLockedUntil(email)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.accountLockedUntil(email())).isEmpty();
    }

    @Test
    void a_success_clears_the_accounts_count_and_not_the_addresss() {
        LoginThrottle throttle = at(START);
        String email = email();
        String address = unique("192.0.2");
        for (int i = 0; i < ACCOUNT - 1; i++) {
            throttle.begin(email, address).failed();
        }
        throttle.begin(email, address).succeeded();
        throttle.begin(email, address).failed();

        assertThat(throttle.accountLockedUntil(email)).as("the account starts again").isEmpty();
        for (int i = 0; i < ACCOUNT - 1; i++) {
            throttle.begin(email, unique("192.0.2")).failed();
        }
        assertThat(throttle.accountLockedUntil(email)).isPresent();

        for (int i = ACCOUNT; i < ADDRESS - 1; i++) {
            throttle.begin(email(), address).failed();
        }
        assertThat(throttle.lockedUntil(email(), address)).as("%d failures from the address", ADDRESS - 1).isEmpty();
        throttle.begin(email(), address).failed();
        assertThat(throttle.lockedUntil(email(), address)).as("the success did not reset the address").isPresent();
    }

    @Test
    void signing_in_to_ones_own_account_between_guesses_does_not_save_an_attacker_from_the_address_limit() {
        String own = email();
        String address = unique("198.51.100");
        for (int i = 0; i < ADDRESS; i++) {
            LoginThrottle throttle = at(START.plusSeconds(i));
            assertThat(throttle.lockedUntil(own, address)).as("guess %d", i + 1).isEmpty();
            throttle.begin(email(), address).failed();
            if (i < ADDRESS - 1) {
                throttle.begin(own, address).succeeded();
            }
        }
        assertThat(at(START.plusSeconds(ADDRESS)).lockedUntil(own, address)).isPresent();
    }

    @Test
    void failures_expire_after_the_window_so_occasional_mistakes_never_add_up_to_a_lockout() {
        String email = email();
        String address = unique("203.0.113");
        for (int i = 0; i < ADDRESS - 1; i++) {
            at(START).begin(i < ACCOUNT - 1 ? email : email(), address).failed();
        }
        Instant later = START.plus(LoginThrottle.WINDOW).plusSeconds(1);
        for (int i = 0; i < ADDRESS - 1; i++) {
            at(later).begin(i < ACCOUNT - 1 ? email : email(), address).failed();
        }

        assertThat(at(later).lockedUntil(email, address)).as("two windows, each one failure short").isEmpty();
        at(later.plus(LoginThrottle.WINDOW).minusSeconds(1)).begin(email(), address).failed();
        assertThat(at(later.plus(LoginThrottle.WINDOW).minusSeconds(1)).lockedUntil(email(), address))
                .as("the window runs from its first failure").isPresent();
    }

    @Test
    void a_wrong_password_from_a_signed_in_user_counts_against_the_account_only() {
        LoginThrottle throttle = at(START);
        String email = email();
        String address = unique("192.0.2");
        for (int i = 0; i < ACCOUNT; i++) {
            throttle.beginForAccount(email).failed();
        }

        assertThat(throttle.accountLockedUntil(email)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email, address)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email(), address)).isEmpty();
    }

    @Test
    void attempts_under_way_count_against_the_limit_before_their_passwords_are_checked() {
        LoginThrottle throttle = at(START);
        String email = email();
        List<LoginThrottle.Attempt> underWay = new ArrayList<>();
        for (int i = 0; i < ACCOUNT; i++) {
            underWay.add(throttle.begin(email, unique("192.0.2")));
        }
        assertThat(counter(TestThrottle.accountKey(email))).hasValue(new TestThrottle.Counter(0, ACCOUNT, null));

        assertRefused(() -> throttle.begin(email, unique("192.0.2")), START.plus(LoginThrottle.LOCKOUT));
        assertRefused(() -> throttle.beginForAccount(email), START.plus(LoginThrottle.LOCKOUT));
        assertThat(counter(TestThrottle.accountKey(email))).as("a refused attempt is not counted")
                .hasValue(new TestThrottle.Counter(0, ACCOUNT, null));

        underWay.forEach(LoginThrottle.Attempt::failed);
        assertThat(counter(TestThrottle.accountKey(email)))
                .hasValue(new TestThrottle.Counter(0, 0, START.plus(LoginThrottle.LOCKOUT)));
    }

    @Test
    void attempts_under_way_from_one_address_count_against_its_limit_for_every_account() {
        LoginThrottle throttle = at(START);
        String address = unique("198.51.100");
        List<LoginThrottle.Attempt> underWay = new ArrayList<>();
        for (int i = 0; i < ADDRESS; i++) {
            underWay.add(throttle.begin(email(), address));
        }
        String innocent = email();
        assertRefused(() -> throttle.begin(innocent, address), START.plus(LoginThrottle.LOCKOUT));
        assertThat(counter(TestThrottle.accountKey(innocent))).as("nothing counted at the refused account").isEmpty();

        underWay.forEach(LoginThrottle.Attempt::failed);
        assertThat(counter(TestThrottle.addressKey(address)))
                .hasValue(new TestThrottle.Counter(0, 0, START.plus(LoginThrottle.LOCKOUT)));
    }

    @Test
    void a_success_settled_after_failures_under_way_with_it_leaves_the_account_unlocked() {
        LoginThrottle throttle = at(START);
        String email = email();
        String address = unique("192.0.2");
        List<LoginThrottle.Attempt> wrong = new ArrayList<>();
        for (int i = 0; i < ACCOUNT - 1; i++) {
            wrong.add(throttle.begin(email, address));
        }
        LoginThrottle.Attempt right = throttle.begin(email, address);
        wrong.forEach(LoginThrottle.Attempt::failed);
        assertThat(throttle.accountLockedUntil(email)).as("one short of the limit").isEmpty();

        right.succeeded();

        assertThat(counter(TestThrottle.accountKey(email))).as("a success clears the account").isEmpty();
        assertThat(counter(TestThrottle.addressKey(address))).as("and leaves the address's failures")
                .hasValue(new TestThrottle.Counter(ACCOUNT - 1, 0, null));
    }

    @Test
    void an_abandoned_attempt_is_neither_a_failure_nor_a_success() {
        LoginThrottle throttle = at(START);
        String email = email();
        String address = unique("192.0.2");
        throttle.begin(email, address).failed();

        throttle.begin(email, address).abandoned();

        assertThat(counter(TestThrottle.accountKey(email))).hasValue(new TestThrottle.Counter(1, 0, null));
        assertThat(counter(TestThrottle.addressKey(address))).hasValue(new TestThrottle.Counter(1, 0, null));
        LoginThrottle.Attempt settled = throttle.begin(email(), address);
        settled.abandoned();
        assertThatThrownBy(settled::failed).isInstanceOf(IllegalStateException.class);
    }

    private static java.util.Optional<TestThrottle.Counter> counter(byte[] key) {
        return TestThrottle.counter(TestDatabase.services(), key);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt, Instant until) {
        assertThatThrownBy(attempt).isInstanceOfSatisfying(LoginRefusedException.class, refused -> {
            assertThat(refused.code()).isEqualTo("loginLocked");
            assertThat(refused.retryAfter()).isEqualTo(until);
        });
    }
}
