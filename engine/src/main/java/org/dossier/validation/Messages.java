package org.dossier.validation;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Phrases errors from the {@code i18n/errors} bundles (French in the base bundle, English in
 * {@code errors_en}). A field error is looked up from the most to the least specific key:
 * <ol>
 *   <li>{@code <path>.error.<code>}, the path being the field's dotted path without row indexes,
 *       e.g. {@code contact.code_postal.error.pattern};</li>
 *   <li>{@code error.<code>.<detail>}, e.g. {@code error.format.date}, {@code error.type.number};</li>
 *   <li>{@code error.<code>};</li>
 *   <li>{@code error.default}.</li>
 * </ol>
 * Texts are {@link MessageFormat} patterns (so an apostrophe is written {@code ''}); their arguments
 * come from the violated schema: limits, pattern, allowed values.
 */
public final class Messages {
    /** Base name of the bundles, also usable by the web layer for its own messages. */
    public static final String BUNDLE = "i18n.errors";
    private static final String DEFAULT_KEY = "error.default";
    /** Last resort when even the bundle is unusable; English because it is a developer's problem then. */
    private static final String LAST_RESORT = "Invalid value.";

    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /**
     * @param pointer   the field's JSON Pointer, e.g. {@code /membres_foyer/0/prenom}
     * @param code      the stable error code (a JSON Schema keyword or one of ours)
     * @param detail    what refines the code: the format ({@code date}) or the expected type ({@code number})
     * @param arguments {@link MessageFormat} arguments, e.g. the {@code minLength} limit
     */
    public String forField(String pointer, String code, Optional<String> detail, Locale locale, Object... arguments) {
        List<String> keys = new ArrayList<>();
        String path = JsonPointers.toMessagePath(pointer);
        if (!path.isEmpty()) {
            keys.add(path + ".error." + code);
        }
        detail.ifPresent(value -> keys.add("error." + code + "." + value));
        keys.add("error." + code);
        keys.add(DEFAULT_KEY);
        return format(keys, locale, arguments);
    }

    /**
     * A message that belongs to no field, e.g. {@code staleVersion}, {@code notFound},
     * {@code malformedJson}, {@code bodyTooLarge}, {@code unsupportedMediaType}: the key {@code error.<code>}.
     */
    public String general(String code, Locale locale, Object... arguments) {
        return format(List.of("error." + code, DEFAULT_KEY), locale, arguments);
    }

    private static String format(List<String> keys, Locale locale, Object... arguments) {
        Locale language = bundleLocale(locale);
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle(BUNDLE, language, NO_DEFAULT_LOCALE);
        } catch (MissingResourceException missing) {
            return LAST_RESORT;
        }
        for (String key : keys) {
            if (bundle.containsKey(key)) {
                return new MessageFormat(bundle.getString(key), language).format(arguments);
            }
        }
        return LAST_RESORT;
    }

    /** Only English has its own bundle; every other language reads the French base bundle. */
    private static Locale bundleLocale(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
    }
}
