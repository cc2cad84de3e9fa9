package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A token's "last used" is written at most once a minute, while its revocation still applies at once. */
@Tag("integration")
class TokenLastUsedTest {
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
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        user = TestUsers.user(services, "lastused", false);
    }

    private static Instant lastUsed(long tokenId) {
        Timestamp value = services.jdbi().withHandle(handle -> handle
                .createQuery("SELECT last_used_at FROM api_tokens WHERE id = :id").bind("id", tokenId)
                .mapTo(Timestamp.class).one());
        return value == null ? null : value.toInstant();
    }

    @Test
    void reads_within_a_minute_write_last_used_once_and_a_later_read_writes_it_again() {
        ManualClock clock = new ManualClock();
        TokenStore tokens = new TokenStore(services.jdbi(), clock);
        TokenStore.Issued issued = services.jdbi().inTransaction(handle ->
                tokens.issue(handle, user.id(), "reader", TokenStore.PERSONAL, Duration.ofDays(30)));
        Instant first = clock.instant();
        assertThat(lastUsed(issued.token().id())).isNull();

        assertThat(tokens.find(issued.secret())).isPresent();
        assertThat(lastUsed(issued.token().id())).isEqualTo(first);

        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.find(issued.secret())).isPresent();
        assertThat(lastUsed(issued.token().id())).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.find(issued.secret())).isPresent();
        assertThat(lastUsed(issued.token().id())).isEqualTo(first.plusSeconds(61));
    }

    @Test
    void the_write_is_conditional_in_the_statement_so_a_concurrent_second_one_changes_nothing() {
        ManualClock clock = new ManualClock();
        TokenStore tokens = new TokenStore(services.jdbi(), clock);
        TokenStore.Issued issued = services.jdbi().inTransaction(handle ->
                tokens.issue(handle, user.id(), "racer", TokenStore.PERSONAL, Duration.ofDays(30)));
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofMinutes(1));

        // Two requests that both read the token before either wrote it.
        boolean firstWrote = services.jdbi().withHandle(handle -> new TokenDao(handle).touch(issued.token().id(), now, since));
        boolean secondWrote = services.jdbi().withHandle(handle ->
                new TokenDao(handle).touch(issued.token().id(), now.plusSeconds(5), since));

        assertThat(firstWrote).isTrue();
        assertThat(secondWrote).isFalse();
        assertThat(lastUsed(issued.token().id())).isEqualTo(now);
    }

    @Test
    void a_revoked_token_stops_working_at_once_even_just_after_a_use() {
        ManualClock clock = new ManualClock();
        TokenStore tokens = new TokenStore(services.jdbi(), clock);
        TokenStore.Issued issued = services.jdbi().inTransaction(handle ->
                tokens.issue(handle, user.id(), "revoked", TokenStore.PERSONAL, Duration.ofDays(30)));
        assertThat(tokens.find(issued.secret())).isPresent();

        clock.advance(Duration.ofSeconds(1));
        boolean revoked = services.jdbi().inTransaction(handle -> tokens.revoke(handle, user.id(), issued.token().id()));
        clock.advance(Duration.ofSeconds(1));

        assertThat(revoked).isTrue();
        assertThat(tokens.find(issued.secret())).isEmpty();
    }
}
