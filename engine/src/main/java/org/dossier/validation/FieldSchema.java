package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Locale;
import java.util.Optional;

/**
 * What the effective schema says about one field that a message needs: its label, the message its
 * author wrote for a keyword ({@code x-errorMessage}), and the kind of input it is drawn with, which
 * decides the verb of a message ("Saisissez" a text, "Sélectionnez" a choice).
 */
final class FieldSchema {
    /** The vocabulary keyword holding an author's messages per keyword and language. */
    static final String ERROR_MESSAGE = "x-errorMessage";

    /** The kind of a section: a section is not a field, and a message naming it would only confuse. */
    static final String SECTION = "section";

    private final JsonNode node;

    private FieldSchema(JsonNode node) {
        this.node = node;
    }

    /** The schema of the field at a data pointer ({@code /membres_foyer/0/prenom}); missing when the schema has none. */
    static FieldSchema at(JsonNode effectiveSchema, String pointer) {
        JsonNode current = effectiveSchema == null ? MissingNode.getInstance()
                : effectiveSchema;
        for (String segment : JsonPointers.segments(pointer)) {
            JsonNode property = current.path("properties").path(segment);
            if (!property.isMissingNode()) {
                current = property;
            } else if (JsonPointers.isIndex(segment) && current.path("items").isObject()) {
                current = current.path("items");
            } else {
                return new FieldSchema(MissingNode.getInstance());
            }
        }
        return new FieldSchema(pointer.isEmpty() ? MissingNode.getInstance() : current);
    }

    /** The field's label in the language asked, French when it has none in that language. */
    Optional<String> label(Locale locale) {
        return text(node.path("x-label"), locale);
    }

    /** The message the form's author gave for this keyword, in the language asked or in French. */
    Optional<String> authorMessage(String code, Locale locale) {
        return text(node.path(ERROR_MESSAGE).path(code), locale);
    }

    /**
     * The kind of input, as far as the verb of a message goes: {@code select}, {@code radio},
     * {@code checkbox}, {@code checkboxes}, {@code yesno}, {@code group}, {@code date}, {@code number},
     * {@link #SECTION}, or {@code text} for anything typed. Mirrors the renderer's widget table (schemas/VOCABULARY.md);
     * the renderer is not asked because validation must not depend on it.
     */
    String widget() {
        String explicit = node.path("x-widget").asText("");
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String type = node.path("type").asText("");
        if (type.equals("object")) {
            return SECTION;
        }
        if (type.equals("array")) {
            return node.path("items").has("enum") ? "checkboxes" : "group";
        }
        if (node.has("enum")) {
            return node.path("enum").size() <= 4 ? "radio" : "select";
        }
        return switch (type) {
            case "boolean" -> "yesno";
            case "number", "integer" -> "number";
            default -> "date".equals(node.path("format").asText()) ? "date" : "text";
        };
    }

    private static Optional<String> text(JsonNode texts, Locale locale) {
        if (!texts.isObject()) {
            return Optional.empty();
        }
        JsonNode chosen = texts.path(locale.getLanguage());
        if (!chosen.isTextual() || chosen.textValue().isBlank()) {
            chosen = texts.path(Locales.DEFAULT.getLanguage());
        }
        return chosen.isTextual() && !chosen.textValue().isBlank() ? Optional.of(chosen.textValue()) : Optional.empty();
    }
}
