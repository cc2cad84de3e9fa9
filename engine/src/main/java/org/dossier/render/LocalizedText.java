package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A text in French with an optional English version, as in {@code x-label} and {@code x-hint}.
 * French is the reference language: a missing translation falls back to it.
 *
 * @param fr the French text, empty when the schema has none
 * @param en the English text, empty when the schema has none
 */
public record LocalizedText(String fr, String en) {
    /** The text with nothing in it. */
    public static final LocalizedText EMPTY = new LocalizedText("", "");

    /** Reads {@code {"fr": "…", "en": "…"}}; a missing node gives {@link #EMPTY}. */
    public static LocalizedText of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        return new LocalizedText(node.path("fr").asText(""), node.path("en").asText(""));
    }

    /** The text in {@code locale}'s language, French when that translation is missing. */
    public String in(Locale locale) {
        if ("en".equals(locale.getLanguage()) && !en.isEmpty()) {
            return en;
        }
        return fr.isEmpty() ? en : fr;
    }

    public boolean isEmpty() {
        return fr.isEmpty() && en.isEmpty();
    }
}
