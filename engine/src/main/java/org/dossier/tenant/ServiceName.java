package org.dossier.tenant;

import org.dossier.DomainException;

/**
 * A service's display name: 1 to 200 characters once trimmed. The one rule for the branding page
 * (renaming) and onboarding (creating and cloning).
 */
public record ServiceName(String value) {
    public static final int MAX_LENGTH = 200;

    /** @throws DomainException {@code invalidServiceName} (422) */
    public ServiceName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !value.equals(value.strip())) {
            throw new DomainException("invalidServiceName", 422, "a name of 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** A name as typed: surrounding blanks are dropped. */
    public static ServiceName parse(String text) {
        return new ServiceName(text == null ? "" : text.strip());
    }
}
