package org.dossier.render;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The few interface texts the view model itself needs (yes/no, placeholders, row buttons), read
 * from the same bundle as the templates, {@code i18n/ui}. French is the base bundle.
 */
final class UiMessages {
    private static final String BUNDLE = "i18n/ui";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    private UiMessages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    static UiMessages of(Locale locale) {
        return new UiMessages(ResourceBundle.getBundle(BUNDLE, locale, NO_DEFAULT_LOCALE), locale);
    }

    String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    String format(String key, Object... arguments) {
        return new MessageFormat(text(key), locale).format(arguments);
    }
}
