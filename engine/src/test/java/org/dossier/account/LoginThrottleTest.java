package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
            throttle.failed(email(), address);
        }
        assertThat(throttle.lockedUntil(email(), address)).isEmpty();

        throttle.failed(email(), address);

        assertThat(throttle.lockedUntil(email(), address)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email(), unique("203.0.113"))).isEmpty();
        assertThat(at(START.plus(LoginThrottle.LOCKOUT).plusSeconds(1)).lockedUntil(email(), address)).isEmpty();
    }

    @Test
    void failures_at_one_account_lock_it_from_every_address() {
        LoginThrottle throttle = at(START);
        String email = email();
        for (int i = 0; i < ACCOUNT - 1; i++) {
            throttle.failed(email, unique("192.0.2"));
        }
        assertThat(throttle.lockedUntil(email, unique("192.0.2"))).isEmpty();

        throttle.failed(email, unique("192.0.2"));

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
            throttle.failed(email, address);
        }
        throttle.succeeded(email);
        throttle.failed(email, address);

        assertThat(throttle.accountLockedUntil(email)).as("the account starts again").isEmpty();
        for (int i = 0; i < ACCOUNT - 1; i++) {
            throttle.failed(email, unique("192.0.2"));
        }
        assertThat(throttle.accountLockedUntil(email)).isPresent();

        for (int i = ACCOUNT; i < ADDRESS - 1; i++) {
            throttle.failed(email(), address);
        }
        assertThat(throttle.lockedUntil(email(), address)).as("%d failures from the address", ADDRESS - 1).isEmpty();
        throttle.failed(email(), address);
        assertThat(throttle.lockedUntil(email(), address)).as("the success did not reset the address").isPresent();
    }

    @Test
    void signing_in_to_ones_own_account_between_guesses_does_not_save_an_attacker_from_the_address_limit() {
        String own = email();
        String address = unique("198.51.100");
        for (int i = 0; i < ADDRESS; i++) {
            LoginThrottle throttle = at(START.plusSeconds(i));
            assertThat(throttle.lockedUntil(own, address)).as("guess %d", i + 1).isEmpty();
            throttle.failed(email(), address);
            throttle.succeeded(own);
        }
        assertThat(at(START.plusSeconds(ADDRESS)).lockedUntil(own, address)).isPresent();
    }

    @Test
    void failures_expire_after_the_window_so_occasional_mistakes_never_add_up_to_a_lockout() {
        String email = email();
        String address = unique("203.0.113");
        for (int i = 0; i < ADDRESS - 1; i++) {
            at(START).failed(i < ACCOUNT - 1 ? email : email(), address);
        }
        Instant later = START.plus(LoginThrottle.WINDOW).plusSeconds(1);
        for (int i = 0; i < ADDRESS - 1; i++) {
            at(later).failed(i < ACCOUNT - 1 ? email : email(), address);
        }

        assertThat(at(later).lockedUntil(email, address)).as("two windows, each one failure short").isEmpty();
        at(later.plus(LoginThrottle.WINDOW).minusSeconds(1)).failed(email(), address);
        assertThat(at(later.plus(LoginThrottle.WINDOW).minusSeconds(1)).lockedUntil(email(), address))
                .as("the window runs from its first failure").isPresent();
    }

    @Test
    void a_wrong_password_from_a_signed_in_user_counts_against_the_account_only() {
        LoginThrottle throttle = at(START);
        String email = email();
        String address = unique("192.0.2");
        for (int i = 0; i < ACCOUNT; i++) {
            throttle.accountFailed(email);
        }

        assertThat(throttle.accountLockedUntil(email)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email, address)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(email(), address)).isEmpty();
    }
}
