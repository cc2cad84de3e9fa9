package org.dossier.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.jdbi.v3.core.Jdbi;

/**
 * A signed-in user changing their own password, and what that change closes. Audited in the
 * same transaction as the change, like the logins of {@link AccountService}.
 */
public final class PasswordService {
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final AccountService accounts;
    private final Clock clock;

    public PasswordService(Jdbi jdbi, ObjectMapper json, PasswordHasher hasher, LoginThrottle throttle,
                           SessionStore sessions, TokenStore tokens, AccountService accounts, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * What a password change ended, and the session that replaces the one it was made in.
     *
     * @param session the browser's new session; the old id is closed with the others
     */
    public record Changed(SessionStore.Opened session, int otherSessionsClosed, int loginTokensRevoked,
                          int personalTokensRevoked) {}

    /**
     * Changes a signed-in user's password.
     *
     * <p>The current password is checked under the account's login throttle, since someone holding
     * a stolen session could otherwise guess it here without limit: a wrong one counts as a failed
     * login of the account, and while the account is locked none is checked at all. The attempt is
     * counted before the password is checked, so concurrent guesses share the same limit.
     *
     * <p>Then, in one transaction with the new hash, every other session of the user is closed,
     * this one is re-issued under a new id, and the user's live API tokens are revoked, login and
     * personal alike: a password is changed after a suspected compromise, and that must also end
     * whatever an intruder opened with the old one, a personal token lasting up to a year included.
     *
     * @throws LoginRefusedException {@code loginLocked} while the account is locked
     * @throws DomainException       {@code wrongPassword} (the current one), {@code passwordUnchanged},
     *                               or a policy code for the new one
     */
    public Changed change(Session session, String current, String replacement, String clientAddress) {
        User user = session.user();
        Actor actor = new Actor(user.email(), clientAddress);
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.beginForAccount(user.email());
        } catch (LoginRefusedException locked) {
            jdbi.useTransaction(handle -> accounts.auditForUser(handle, Optional.of(user), actor, "password.change.locked",
                    json.createObjectNode().put("lockedUntil", locked.retryAfter().toString())));
            throw locked;
        }
        boolean ok;
        try {
            String hash = jdbi.withHandle(handle -> new UserDao(handle).passwordHash(user.id())).orElseThrow();
            ok = hasher.verify(current, hash);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (!ok) {
            attempt.failed();
            jdbi.useTransaction(handle -> accounts.auditForUser(handle, Optional.of(user), actor, "password.change.failed",
                    null));
            throw new DomainException("wrongPassword", 422, "the current password is wrong");
        }
        attempt.succeeded();
        PasswordPolicy.require(replacement, user.email());
        if (replacement.equals(current)) {
            throw new DomainException("passwordUnchanged", 422, "the new password is the current one");
        }
        String newHash = hasher.hash(replacement);
        return jdbi.inTransaction(handle -> {
            new UserDao(handle).setPassword(user.id(), newHash, false, now());
            SessionStore.Reissued reissued = sessions.reissueClosingOthers(handle, session, clientAddress);
            int loginTokens = tokens.revokeAll(handle, user.id(), TokenStore.LOGIN);
            int personalTokens = tokens.revokeAll(handle, user.id(), TokenStore.PERSONAL);
            accounts.auditForUser(handle, Optional.of(user), actor, "password.changed", json.createObjectNode()
                    .put("otherSessionsClosed", reissued.othersClosed())
                    .put("loginTokensRevoked", loginTokens)
                    .put("personalTokensRevoked", personalTokens));
            return new Changed(reissued.session(), reissued.othersClosed(), loginTokens, personalTokens);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
