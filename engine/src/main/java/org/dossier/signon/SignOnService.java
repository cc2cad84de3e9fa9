package org.dossier.signon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
import org.dossier.account.AccountService;
import org.dossier.account.Emails;
import org.dossier.account.MembershipDao;
import org.dossier.account.PasswordHasher;
import org.dossier.account.UserDao;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.signon.SignOnRefusedException.Reason;
import org.jdbi.v3.core.Jdbi;

/**
 * Signing in through the identity provider. The provider says who the person is; Dossier says
 * whether they may enter and with which rights. An existing account is matched by its verified
 * e-mail; none is ever created, and no membership or role comes from the provider. Every outcome is
 * audited as the password login's is ({@code login.succeeded}, {@code login.failed},
 * {@code login.refused}), with {@code "method": "sso"}.
 */
public final class SignOnService {
    private static final String ACTOR_UNKNOWN = "sso";
    private static final int DETAIL_MAX = 200;

    private final SignOnSettings settings;
    private final Optional<OidcProvider> provider;
    private final PendingLogins pending;
    private final SignOnSessions signedOnSessions;
    private final AccountService accounts;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PasswordHasher hasher;
    private final Clock clock;

    public SignOnService(SignOn signOn, PendingLogins pending, SignOnSessions signedOnSessions,
                         AccountService accounts, Jdbi jdbi, ObjectMapper json, PasswordHasher hasher,
                         Clock clock) {
        this.hasher = hasher;
        this.clock = clock;
        this.settings = signOn.settings();
        this.provider = signOn.provider();
        this.pending = pending;
        this.signedOnSessions = signedOnSessions;
        this.accounts = accounts;
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * The callback's query ({@code code} and {@code state}, or {@code error} and {@code state}), and
     * the state this browser was given at the start, from its cookie.
     */
    public record Callback(String state, String code, String error, String browserState) {}

    /** A login sent to the provider: where the browser goes, and the state it must keep (in a cookie) until it comes back. */
    public record Started(URI location, String state) {}

    /** Who signed in, the local page they had asked for, and the provider's ID token. */
    public record SignedOn(User user, String next, String idToken) {}

    public boolean enabled() {
        return provider.isPresent();
    }

    /** Whether the password form is offered beside (or instead of) the provider. */
    public boolean passwordLogin() {
        return settings.passwordLogin();
    }

    /** The provider's name for the login page's button; empty without a provider. */
    public String providerName() {
        return provider.map(oidc -> oidc.settings().name()).orElse("");
    }

    /**
     * Starts a login: stores its state, nonce and PKCE verifier, and answers where to send the browser.
     *
     * @param next the local page to open after the login, already checked to be one
     */
    public Started start(String next) {
        OidcProvider oidc = provider.orElseThrow(() -> new SignOnRefusedException(Reason.NOT_CONFIGURED));
        PendingLogins.Pending login = pending.begin(next, Secrets.token(32), Secrets.token(48));
        return new Started(oidc.authorizationUri(login.state(), login.nonce(), login.codeVerifier()), login.state());
    }

    /**
     * Ends a login at the callback. The state must be the one this browser was given, so that
     * nobody can sign a victim in to the attacker's account by sending them a callback link of
     * their own; it is then spent, whatever follows, so no callback can be played twice.
     *
     * @throws SignOnRefusedException with the reason, after auditing it
     */
    public SignedOn finish(Callback callback, String clientAddress) {
        OidcProvider oidc = provider.orElseThrow(() -> new SignOnRefusedException(Reason.NOT_CONFIGURED));
        Optional<User> user = Optional.empty();
        String actorId = ACTOR_UNKNOWN;
        try {
            if (!Secrets.constantTimeEquals(callback.state(), callback.browserState())) {
                throw new SignOnRefusedException(Reason.UNKNOWN_STATE, "state is not this browser's");
            }
            PendingLogins.Pending login = pending.take(callback.state())
                    .orElseThrow(() -> new SignOnRefusedException(Reason.UNKNOWN_STATE, "state unknown, used or expired"));
            if (!isBlank(callback.error())) {
                throw new SignOnRefusedException("access_denied".equals(callback.error())
                        ? Reason.ACCESS_DENIED : Reason.PROVIDER_ERROR, "provider error: " + code(callback.error()));
            }
            if (isBlank(callback.code())) {
                throw new SignOnRefusedException(Reason.PROVIDER_ERROR, "no code in the callback");
            }
            ProviderIdentity identity = oidc.identity(callback.code(), login.codeVerifier(), login.nonce());
            String email = identity.email().map(Emails::normalize)
                    .orElseThrow(() -> new SignOnRefusedException(Reason.EMAIL_NOT_VERIFIED, "no e-mail claim"));
            boolean verified = identity.emailVerified().orElse(oidc.settings().emailsVerified());
            if (!verified) {
                throw new SignOnRefusedException(Reason.EMAIL_NOT_VERIFIED, "email_verified is not true");
            }
            actorId = email;
            user = accounts.findByEmail(email);
            User found = user.orElseThrow(() -> new SignOnRefusedException(Reason.UNKNOWN_ACCOUNT));
            if (!found.superAdmin()
                    && jdbi.withHandle(handle -> new MembershipDao(handle).onlyInSuspendedServices(found.id()))) {
                throw new SignOnRefusedException(Reason.SERVICES_SUSPENDED);
            }
            Actor actor = new Actor(email, clientAddress);
            if (found.mustChangePassword()) {
                return new SignedOn(spendOneTimePassword(found, actor), login.next(), identity.idToken());
            }
            audit(user, actor, "login.succeeded", details(null));
            return new SignedOn(found, login.next(), identity.idToken());
        } catch (SignOnRefusedException refused) {
            String action = refused.reason() == Reason.SERVICES_SUSPENDED ? "login.refused" : "login.failed";
            audit(user, new Actor(actorId, clientAddress), action, details(refused));
            throw refused;
        }
    }

    /** Ties the new session to the ID token it was opened with, for {@link #logout}. */
    public void sessionOpened(String sessionId, SignedOn signedOn) {
        signedOnSessions.remember(sessionId, signedOn.idToken());
    }

    /**
     * A session is ending: where to send the browser so that it ends at the provider too, if the
     * session was opened by single sign-on and the provider has a logout endpoint.
     *
     * @param afterLogout where the provider sends the browser back (registered there as a
     *                    post-logout redirect URI)
     */
    public Optional<URI> logout(String sessionId, String afterLogout) {
        Optional<String> idToken = signedOnSessions.take(sessionId);
        if (provider.isEmpty() || idToken.isEmpty()) {
            return Optional.empty();
        }
        URI back = provider.get().settings().redirectUri().resolve(afterLogout);
        return provider.get().logoutUri(idToken.get(), back);
    }

    /**
     * An account created with a one-time password (by an invitation) that is first entered through
     * the provider: the one-time password is spent, replaced by a random one nobody knows, instead
     * of sending the person to choose a password they may never use (with
     * {@code DOSSIER_PASSWORD_LOGIN=off}, could never use). Someone who saw the one-time password
     * can no longer use it.
     */
    private User spendOneTimePassword(User user, Actor actor) {
        String unknowable = hasher.hash(Secrets.token(32));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbi.useTransaction(handle -> {
            new UserDao(handle).setPassword(user.id(), unknowable, false, now);
            accounts.auditForUser(handle, Optional.of(user), actor, "login.succeeded",
                    details(null).put("oneTimePasswordSpent", true));
        });
        return new User(user.id(), user.email(), user.displayName(), user.superAdmin(), false, user.createdAt());
    }

    private void audit(Optional<User> user, Actor actor, String action, ObjectNode details) {
        jdbi.useTransaction(handle -> accounts.auditForUser(handle, user, actor, action, details));
    }

    private ObjectNode details(SignOnRefusedException refused) {
        ObjectNode details = json.createObjectNode().put("method", "sso");
        if (refused != null) {
            details.put("reason", refused.reason() == Reason.SERVICES_SUSPENDED ? "servicesSuspended" : refused.code());
            if (!refused.technicalDetail().isEmpty()) {
                String detail = refused.technicalDetail();
                details.put("detail", detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail);
            }
        }
        return details;
    }

    /** A provider's error code, kept only if it looks like one (it is echoed from the query string). */
    private static String code(String error) {
        return error.matches("[a-z_]{1,64}") ? error : "other";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
