package org.dossier.branding;

import org.dossier.DomainException;

/**
 * White text would be hard to read on this colour. Carries the measured ratio, because the pages
 * tell it to the person choosing the colour (in their language, which this package does not know).
 */
public final class LowContrastException extends DomainException {
    private final double ratio;

    public LowContrastException(String hex, double ratio) {
        super("lowContrast", 422, String.format(java.util.Locale.ROOT,
                "white text on %s has a contrast of %.2f:1, below %.1f:1", hex, ratio, Colours.MIN_CONTRAST));
        this.ratio = ratio;
    }

    /** The contrast ratio of white text on the refused colour, from 1 to 21. */
    public double ratio() {
        return ratio;
    }
}
