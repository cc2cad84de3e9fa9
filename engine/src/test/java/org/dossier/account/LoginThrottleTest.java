package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Consecutive failures per account and per client address; addresses here are fake, so no other test is locked out. */
@Tag("integration")
class LoginThrottleTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void ten_failures_from_one_address_lock_that_address_for_every_account_until_the_lockout_ends() {
        LoginThrottle throttle = new LoginThrottle(TestDatabase.services().jdbi(), Clock.fixed(START, ZoneOffset.UTC));
        String address = unique("198.51.100");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed(unique("someone") + "@test.example", address);
        }
        assertThat(throttle.lockedUntil(unique("fresh") + "@test.example", address)).isEmpty();

        throttle.failed(unique("someone") + "@test.example", address);

        assertThat(throttle.lockedUntil(unique("fresh") + "@test.example", address)).hasValue(START.plus(LoginThrottle.LOCKOUT));
        assertThat(throttle.lockedUntil(unique("fresh") + "@test.example", unique("203.0.113"))).isEmpty();
        LoginThrottle later = new LoginThrottle(TestDatabase.services().jdbi(),
                Clock.fixed(START.plus(LoginThrottle.LOCKOUT).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertThat(later.lockedUntil(unique("fresh") + "@test.example", address)).isEmpty();
    }

    @Test
    void a_success_clears_the_count_so_only_consecutive_failures_lock() {
        LoginThrottle throttle = new LoginThrottle(TestDatabase.services().jdbi(), Clock.fixed(START, ZoneOffset.UTC));
        String email = unique("account") + "@test.example";
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed(email, unique("192.0.2"));
        }
        throttle.succeeded(email, unique("192.0.2"));
        throttle.failed(email, unique("192.0.2"));

        assertThat(throttle.lockedUntil(email, unique("192.0.2"))).isEmpty();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed(email, unique("192.0.2"));
        }
        assertThat(throttle.lockedUntil(email, unique("192.0.2"))).isPresent();
    }
}
