package org.dossier.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues and revokes API tokens, each with its audit event in the same transaction: personal
 * tokens a user makes on their account page, and the short-lived tokens scripts get for an e-mail
 * and password.
 */
public final class TokenService {
    /** Lifetimes offered for a personal token, in days. */
    public static final List<Integer> PERSONAL_DAYS = List.of(30, 90, 365);
    /** How long a token obtained with a password lasts: long enough for a script, short enough to leak little. */
    public static final Duration LOGIN_LIFETIME = Duration.ofHours(1);
    private static final int NAME_MAX = 100;

    private final Jdbi jdbi;
    private final TokenStore tokens;
    private final AccountService accounts;
    private final ObjectMapper json;

    public TokenService(Jdbi jdbi, TokenStore tokens, AccountService accounts, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.accounts = accounts;
        this.json = json;
    }

    /**
     * @param name as typed; surrounding blanks are dropped
     * @throws DomainException {@code invalidTokenName} or {@code invalidTokenLifetime} (422)
     */
    public TokenStore.Issued issuePersonal(User user, String name, int days, String clientAddress) {
        String tokenName = name == null ? "" : name.strip();
        if (tokenName.isEmpty() || tokenName.length() > NAME_MAX) {
            throw new DomainException("invalidTokenName", 422, "a name of 1 to " + NAME_MAX + " characters");
        }
        if (!PERSONAL_DAYS.contains(days)) {
            throw new DomainException("invalidTokenLifetime", 422, "one of " + PERSONAL_DAYS + " days");
        }
        return jdbi.inTransaction(handle -> {
            TokenStore.Issued token = tokens.issue(handle, user.id(), tokenName, TokenStore.PERSONAL, Duration.ofDays(days));
            accounts.auditForUser(handle, Optional.of(user), new Actor(user.email(), clientAddress), "token.created",
                    json.createObjectNode().put("kind", TokenStore.PERSONAL)
                            .put("tokenId", token.token().id()).put("name", tokenName));
            return token;
        });
    }

    /** @throws DomainException {@code notFound} (404): no such token of this user, or already revoked */
    public void revokePersonal(User user, long tokenId, String clientAddress) {
        boolean revoked = jdbi.inTransaction(handle -> {
            boolean done = tokens.revoke(handle, user.id(), tokenId);
            if (done) {
                accounts.auditForUser(handle, Optional.of(user), new Actor(user.email(), clientAddress), "token.revoked",
                        json.createObjectNode().put("tokenId", tokenId));
            }
            return done;
        });
        if (!revoked) {
            throw new DomainException("notFound", 404, "no such token");
        }
    }

    /**
     * A short-lived token for a script that signs in with an e-mail and password, throttled and
     * refused like the login page.
     *
     * @throws LoginRefusedException as {@link AccountService#login}
     * @throws DomainException       {@code passwordChangeRequired} (403) while the password is a one-time one
     */
    public TokenStore.Issued issueForLogin(String email, String password, String clientAddress) {
        User user = accounts.login(email, password, clientAddress);
        if (user.mustChangePassword()) {
            throw new DomainException("passwordChangeRequired", 403, "change the one-time password first");
        }
        return jdbi.inTransaction(handle -> {
            TokenStore.Issued token = tokens.issue(handle, user.id(), "auth/token", TokenStore.LOGIN, LOGIN_LIFETIME);
            accounts.auditForUser(handle, Optional.of(user), new Actor(user.email(), clientAddress), "token.created",
                    json.createObjectNode().put("kind", TokenStore.LOGIN).put("tokenId", token.token().id()));
            return token;
        });
    }
}
