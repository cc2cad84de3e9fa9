package org.dossier.onboarding;

import org.dossier.DomainException;

/**
 * Onboarding refused a request; nothing was created or changed. The same reason, with the same
 * code and status, whether the request came from the services page, the API or the command line.
 */
public final class OnboardingRefusedException extends DomainException {
    /** Each reason's code is the key of its message in the errors bundle. */
    public enum Reason {
        NO_SUCH_SOURCE("noSuchSource", 404),
        INVALID_SLUG("invalidSlug", 422),
        SLUG_TAKEN("slugTaken", 409),
        INVALID_EMAIL("invalidEmail", 422),
        TEMPLATE_HOLDS_CASE_FILES("templateHoldsCaseFiles", 409);

        private final String code;
        private final int status;

        Reason(String code, int status) {
            this.code = code;
            this.status = status;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public OnboardingRefusedException(Reason reason, String detail) {
        super(reason.code, reason.status, detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
