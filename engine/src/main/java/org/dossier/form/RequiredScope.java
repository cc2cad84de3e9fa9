package org.dossier.form;

import java.util.Optional;

/**
 * Whom a field a publication makes required is required of: the case files created from that
 * publication on, or also the ones that existed then, at their next save. The admin chooses at
 * publish; the choice is stored with the version (see {@link RequiredChoices}).
 */
public enum RequiredScope {
    /** Required of case files created from the publication on; existing ones save without it. */
    NEW_ONLY("new"),
    /** Required of every case file, existing ones at their next save (what every requirement was before the choice existed). */
    ALSO_EXISTING("existing");

    private final String code;

    RequiredScope(String code) {
        this.code = code;
    }

    /** The stable spelling stored and posted: {@code new} or {@code existing}. */
    public String code() {
        return code;
    }

    public static Optional<RequiredScope> of(String code) {
        for (RequiredScope scope : values()) {
            if (scope.code.equals(code)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
