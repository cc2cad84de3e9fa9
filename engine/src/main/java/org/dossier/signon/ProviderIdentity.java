package org.dossier.signon;

import java.util.Optional;

/**
 * Who the provider says signed in, once its ID token was validated.
 *
 * @param subject       the provider's stable id of the person ({@code sub})
 * @param email         the e-mail, from the ID token or else the userinfo endpoint
 * @param emailVerified the {@code email_verified} claim, when the provider sent one
 * @param idToken       the validated ID token as received, for the provider's logout
 */
public record ProviderIdentity(String subject, Optional<String> email, Optional<Boolean> emailVerified,
                               String idToken) {}
