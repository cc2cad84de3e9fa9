package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Idle and absolute timeouts of database sessions, on a clock the test moves. */
@Tag("integration")
class SessionStoreTest {
    private static Services services;
    private static User user;

    /** A clock that stands still until told to move. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        user = TestUsers.user(services, "session", false);
    }

    private static SessionStore store(ManualClock clock) {
        // With the node's cache: a kept session still times out on time.
        return new SessionStore(services.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12), AccessCache.keeping());
    }

    @Test
    void a_session_ends_after_thirty_idle_minutes_and_activity_keeps_it() {
        ManualClock clock = new ManualClock();
        SessionStore sessions = store(clock);
        String id = sessions.open(user, "10.0.0.1").id();

        clock.advance(Duration.ofMinutes(25));
        assertThat(sessions.find(id)).isPresent();
        clock.advance(Duration.ofMinutes(25));
        assertThat(sessions.find(id)).as("50 minutes after login, 25 after the last request").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.find(id)).isEmpty();
        clock.advance(Duration.ofMinutes(-60));
        assertThat(sessions.find(id)).as("an expired session is deleted, not only hidden").isEmpty();
    }

    @Test
    void a_session_ends_twelve_hours_after_login_however_active() {
        ManualClock clock = new ManualClock();
        SessionStore sessions = store(clock);
        String id = sessions.open(user, "10.0.0.1").id();

        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.find(id)).isPresent();
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void only_a_digest_of_the_session_id_is_stored() {
        SessionStore sessions = store(new ManualClock());
        String id = sessions.open(user, "10.0.0.1").id();

        long clear = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sessions WHERE id_hash = :raw OR csrf_token = :id")
                .bind("raw", id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).bind("id", id).mapTo(Long.class).one());
        long hashed = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sessions WHERE id_hash = :hash")
                .bind("hash", Secrets.sha256(id)).mapTo(Long.class).one());
        assertThat(clear).isZero();
        assertThat(hashed).isEqualTo(1);
    }

    @Test
    void a_timed_out_session_names_its_person_for_eight_hours_and_a_closed_or_live_one_never() {
        ManualClock clock = new ManualClock();
        SessionStore sessions = store(clock);
        SessionStore.Opened timedOut = sessions.open(user, "10.0.0.1");
        SessionStore.Opened loggedOut = sessions.open(user, "10.0.0.1");
        SessionStore.Opened live = sessions.open(user, "10.0.0.1");

        assertThat(sessions.expired(live.id())).as("a live session").isEmpty();
        sessions.close(loggedOut.id());
        clock.advance(Duration.ofMinutes(31));

        Session.Expired expired = sessions.expired(timedOut.id()).orElseThrow();
        assertThat(expired.user().id()).isEqualTo(user.id());
        assertThat(expired.csrfToken()).isEqualTo(timedOut.session().csrfToken());
        assertThat(sessions.find(timedOut.id())).as("it signs nobody in").isEmpty();
        assertThat(sessions.expired(loggedOut.id())).as("logged out").isEmpty();
        assertThat(sessions.expired("never-issued")).isEmpty();

        clock.advance(SessionStore.EXPIRED_KEPT.plusMinutes(1));
        assertThat(sessions.expired(timedOut.id())).as("eight hours later").isEmpty();
    }
}
