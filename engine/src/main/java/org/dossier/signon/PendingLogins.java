package org.dossier.signon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.account.Secrets;
import org.jdbi.v3.core.Jdbi;

/**
 * Logins sent to the identity provider and not yet back: the state (kept as a digest), the nonce
 * and the PKCE verifier, and the page asked for. In the database so that any node may receive the
 * callback; each is taken once, so a replayed callback finds nothing.
 */
public final class PendingLogins {
    /** Long enough to type a password and a second factor at the provider, short enough to stay useless if leaked. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final Clock clock;

    public PendingLogins(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A login on its way to the provider. */
    public record Pending(String state, String nonce, String codeVerifier, String next) {}

    /** Stores a new login with fresh random values, and forgets the ones that expired. */
    public Pending begin(String next, String nonce, String codeVerifier) {
        Pending pending = new Pending(Secrets.token(32), nonce, codeVerifier, next);
        Instant now = now();
        jdbi.useTransaction(handle -> {
            PendingLoginDao dao = new PendingLoginDao(handle);
            dao.deleteExpired(now);
            dao.insert(Secrets.sha256(pending.state()), nonce, codeVerifier, next, now, now.plus(LIFETIME));
        });
        return pending;
    }

    /** The login this state began, removed so it cannot serve twice; empty when unknown, used or expired. */
    public Optional<Pending> take(String state) {
        if (state == null || state.isEmpty() || state.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(state);
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            PendingLoginDao dao = new PendingLoginDao(handle);
            Optional<PendingLoginDao.Row> row = dao.lockLive(hash, now);
            // Deleted whether live or expired: a state is spent by its first callback.
            if (dao.delete(hash) != 1 || row.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Pending(state, row.get().nonce(), row.get().codeVerifier(), row.get().next()));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
