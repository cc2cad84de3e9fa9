package org.dossier.account;

import java.time.Instant;
import org.dossier.DomainException;

/**
 * A login that did not succeed. The message is the same for an unknown e-mail and a wrong
 * password; a lockout says only when to try again.
 */
public final class LoginRefusedException extends DomainException {
    private final Instant retryAfter;

    private LoginRefusedException(String code, int status, Instant retryAfter) {
        super(code, status, code);
        this.retryAfter = retryAfter;
    }

    public static LoginRefusedException invalidCredentials() {
        return new LoginRefusedException("invalidCredentials", 401, null);
    }

    /**
     * The password was right, but every service the person works in is suspended. Said only after
     * the password was checked, so it tells nothing to someone who does not know it.
     */
    public static LoginRefusedException servicesSuspended() {
        return new LoginRefusedException("servicesSuspended", 403, null);
    }

    public static LoginRefusedException locked(Instant until) {
        return new LoginRefusedException("loginLocked", 429, until);
    }

    /** When a locked-out login may be tried again; null for wrong credentials. */
    public Instant retryAfter() {
        return retryAfter;
    }
}
