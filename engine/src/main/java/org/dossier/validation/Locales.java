package org.dossier.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the language of a request: French unless English is asked for, explicitly (a
 * {@code lang} parameter or cookie) or as the browser's preference in {@code Accept-Language}.
 */
public final class Locales {
    /** The default language of the product. */
    public static final Locale DEFAULT = Locale.FRENCH;
    /** Languages the bundles and the labels are written in. */
    public static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    /** A header longer than this is not a browser's; it is ignored rather than parsed. */
    private static final int MAX_HEADER_LENGTH = 1_000;

    private Locales() {}

    /**
     * @param explicitLang         a language the person chose; wins when it is one we support
     * @param acceptLanguageHeader the raw header; q-values are respected, the first supported range wins
     * @return {@link Locale#FRENCH} or {@link Locale#ENGLISH}
     */
    public static Locale resolve(Optional<String> explicitLang, Optional<String> acceptLanguageHeader) {
        Optional<Locale> explicit = explicitLang.flatMap(Locales::supported);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        return acceptLanguageHeader.flatMap(Locales::preferred).orElse(DEFAULT);
    }

    private static Optional<Locale> preferred(String header) {
        if (header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header); // sorted by weight, q=0 removed
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getRange().equals("*")) {
                return Optional.of(DEFAULT);
            }
            Optional<Locale> supported = supported(range.getRange());
            if (supported.isPresent()) {
                return supported;
            }
        }
        return Optional.empty();
    }

    /** {@code en}, {@code en-GB}, {@code EN_us} → English; {@code fr-CH} → French; anything else → empty. */
    private static Optional<Locale> supported(String tag) {
        String language = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
    }
}
