package org.dossier.web.signon;

/** Typed models of the single sign-on pages. */
final class SignOnPageModels {
    private SignOnPageModels() {}

    /** {@code pages/signon-refused}: why, and whether trying again through the provider makes sense. */
    record RefusedPage(String reason, boolean canRetry) {}
}
