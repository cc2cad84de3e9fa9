package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Phrases errors from the {@code i18n/errors} bundles (French in the base bundle, English in
 * {@code errors_en}). A field error is looked up from the most to the least specific source, the
 * first three naming the field and its fix in the manner of the GOV.UK Design System ("Saisissez le nom"):
 * <ol>
 *   <li>the form author's message for the field and keyword, {@code x-errorMessage} in the effective
 *       schema (plain text, in the language asked or in French);</li>
 *   <li>{@code <path>.error.<code>}, the path being the field's dotted path without row indexes,
 *       e.g. {@code contact.code_postal.error.pattern};</li>
 *   <li>a pattern quoting the field's label, chosen by keyword and input kind:
 *       {@code error.named.<code>.<widget>}, {@code error.named.<code>.<detail>}, {@code error.named.<code>}
 *       ("Sélectionnez « Antenne »"), when the field has a label and is not a section;</li>
 *   <li>{@code error.<code>.<detail>}, e.g. {@code error.format.date}, {@code error.type.number};</li>
 *   <li>{@code error.<code>};</li>
 *   <li>{@code error.default}.</li>
 * </ol>
 * Bundle texts are {@link MessageFormat} patterns (so an apostrophe is written {@code ''}); their
 * arguments come from the violated schema (limits, allowed values), and a named pattern takes the
 * label first. A pattern (regex) or a JSON Pointer never reaches a message.
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
     * The error for a field, phrased with what the effective schema says about the field (see the
     * class comment for the order).
     *
     * @param effectiveSchema the form's effective schema; a field it does not define gets a bundle message
     */
    public FieldError fieldError(JsonNode effectiveSchema, String pointer, String code, Optional<String> detail,
                                 Locale locale, Object... arguments) {
        FieldSchema field = FieldSchema.at(effectiveSchema, pointer);
        Optional<String> authored = field.authorMessage(code, locale);
        if (authored.isPresent()) {
            return new FieldError(pointer, code, authored.get(), true);
        }
        String path = JsonPointers.toMessagePath(pointer);
        Optional<String> byPath = path.isEmpty() ? Optional.empty()
                : find(List.of(path + ".error." + code), locale, arguments);
        if (byPath.isPresent()) {
            return new FieldError(pointer, code, byPath.get(), true);
        }
        Optional<String> label = field.label(locale);
        if (label.isPresent() && !FieldSchema.SECTION.equals(field.widget())) {
            List<String> keys = new ArrayList<>();
            keys.add("error.named." + code + "." + field.widget());
            detail.ifPresent(value -> keys.add("error.named." + code + "." + value));
            keys.add("error.named." + code);
            Object[] withLabel = new Object[arguments.length + 1];
            withLabel[0] = label.get();
            System.arraycopy(arguments, 0, withLabel, 1, arguments.length);
            Optional<String> named = find(keys, locale, withLabel);
            if (named.isPresent()) {
                return new FieldError(pointer, code, named.get(), true);
            }
        }
        return new FieldError(pointer, code, forField(pointer, code, detail, locale, arguments), false);
    }

    /**
     * A message that belongs to no field, e.g. {@code staleVersion}, {@code notFound},
     * {@code malformedJson}, {@code bodyTooLarge}, {@code unsupportedMediaType}: the key {@code error.<code>}.
     */
    public String general(String code, Locale locale, Object... arguments) {
        return format(List.of("error." + code, DEFAULT_KEY), locale, arguments);
    }

    private static String format(List<String> keys, Locale locale, Object... arguments) {
        return find(keys, locale, arguments).orElse(LAST_RESORT);
    }

    /** The first of these keys the bundle holds, formatted; empty when it holds none. */
    private static Optional<String> find(List<String> keys, Locale locale, Object... arguments) {
        Locale language = bundleLocale(locale);
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle(BUNDLE, language, NO_DEFAULT_LOCALE);
        } catch (MissingResourceException missing) {
            return Optional.empty();
        }
        for (String key : keys) {
            if (bundle.containsKey(key)) {
                return Optional.of(new MessageFormat(bundle.getString(key), language).format(arguments));
            }
        }
        return Optional.empty();
    }

    /** Only English has its own bundle; every other language reads the French base bundle. */
    private static Locale bundleLocale(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
    }
}
