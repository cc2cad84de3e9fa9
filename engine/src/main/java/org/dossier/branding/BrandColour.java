package org.dossier.branding;

import java.util.Locale;
import org.dossier.DomainException;

/**
 * A service's primary colour as stored: {@code #rrggbb} in lower case, dark enough for the white
 * text of its buttons and header to meet WCAG AA. The branding page and onboarding both accept a
 * colour only through here, so no service can be created with a colour it could not later save.
 */
public record BrandColour(String hex) {
    /** The colour of a service created without one. */
    public static final BrandColour DEFAULT = new BrandColour("#1e3a8a");

    /**
     * @throws DomainException {@code invalidColour} (422), or {@link LowContrastException} with
     *                         the measured ratio
     */
    public BrandColour {
        if (!Colours.isHex(hex) || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new DomainException("invalidColour", 422, "a colour like #1e3a8a");
        }
        double ratio = Colours.contrastWithWhite(hex);
        if (ratio < Colours.MIN_CONTRAST) {
            throw new LowContrastException(hex, ratio);
        }
    }

    /** A colour as typed: surrounding blanks and upper case are accepted. */
    public static BrandColour parse(String text) {
        return new BrandColour(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
    }
}
