package org.dossier.branding;

import java.util.Locale;
import java.util.regex.Pattern;

/** Primary colours and their contrast with white text, by WCAG 2.x relative luminance. */
public final class Colours {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    /** WCAG AA for normal text. */
    public static final double MIN_CONTRAST = 4.5;

    private Colours() {}

    public static boolean isHex(String colour) {
        return colour != null && HEX.matcher(colour).matches();
    }

    /** The contrast ratio of white text on this colour, from 1 to 21. */
    public static double contrastWithWhite(String hex) {
        return 1.05 / (luminance(hex) + 0.05);
    }

    public static double luminance(String hex) {
        String colour = hex.toLowerCase(Locale.ROOT);
        double r = channel(Integer.parseInt(colour.substring(1, 3), 16));
        double g = channel(Integer.parseInt(colour.substring(3, 5), 16));
        double b = channel(Integer.parseInt(colour.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
