package org.dossier.signon;

import org.dossier.DomainException;

/**
 * A single sign-on that did not open a session. Its {@link Reason} is what the person is told
 * (localised, never the provider's own words) and what the audit log records.
 */
public final class SignOnRefusedException extends DomainException {
    private final Reason reason;
    private final String technicalDetail;

    /** Why, with the HTTP status of the page that says so. */
    public enum Reason {
        /** The callback's state is unknown, already used or expired: a replay, a stale tab, a forged link. */
        UNKNOWN_STATE("ssoUnknownState", 400),
        /** The person refused, or the provider did ({@code ?error=access_denied}). */
        ACCESS_DENIED("ssoAccessDenied", 403),
        /** The provider sent another error back, or refused to exchange the code. */
        PROVIDER_ERROR("ssoProviderError", 400),
        /** The ID token failed validation: signature, issuer, audience, nonce, expiry or issue time. */
        INVALID_TOKEN("ssoInvalidToken", 401),
        /** No e-mail, or one the provider does not vouch for. */
        EMAIL_NOT_VERIFIED("ssoEmailNotVerified", 403),
        /** No Dossier account has this e-mail: accounts are never created by signing on. */
        UNKNOWN_ACCOUNT("ssoUnknownAccount", 403),
        /** Every service of the person is suspended, as for a password login. */
        SERVICES_SUSPENDED("servicesSuspended", 403),
        /** Single sign-on is not configured on this server. */
        NOT_CONFIGURED("ssoNotConfigured", 404),
        /** The provider could not be reached or answered nonsense. */
        PROVIDER_UNAVAILABLE("ssoProviderUnavailable", 503);

        private final String code;
        private final int status;

        Reason(String code, int status) {
            this.code = code;
            this.status = status;
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    public SignOnRefusedException(Reason reason, String technicalDetail) {
        super(reason.code(), reason.status(), reason.code());
        this.reason = reason;
        this.technicalDetail = technicalDetail == null ? "" : technicalDetail;
    }

    public SignOnRefusedException(Reason reason) {
        this(reason, "");
    }

    public Reason reason() {
        return reason;
    }

    /** What the library or the provider said, for the audit log only (no personal data: claims are not quoted). */
    public String technicalDetail() {
        return technicalDetail;
    }
}
