package org.dossier.signon;

import java.util.Optional;

/**
 * How this server signs people in, built once per application: the settings, and the provider
 * whose metadata and keys are read at the first sign-on and then kept.
 */
public record SignOn(SignOnSettings settings, Optional<OidcProvider> provider) {
    public static SignOn of(SignOnSettings settings) {
        return new SignOn(settings, settings.provider().map(OidcProvider::new));
    }
}
