package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's choice for each field one publication makes required, by JSON Pointer (a field in
 * the rows of a repeatable group written with {@code *} for the row index, {@code /membres_foyer/*\/nom}).
 * Stored as a JSON object with the published version ({@code form_versions.required_choices}).
 */
public record RequiredChoices(Map<String, RequiredScope> byPointer) {
    public static final RequiredChoices NONE = new RequiredChoices(Map.of());
    private static final Pattern ROW_INDEX = Pattern.compile("[0-9]+");

    public RequiredChoices {
        byPointer = Map.copyOf(byPointer);
    }

    public boolean isEmpty() {
        return byPointer.isEmpty();
    }

    /** {"/identite/numero": "new", …}; null when there is nothing to store. */
    public String toJson() {
        if (byPointer.isEmpty()) {
            return null;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        new java.util.TreeMap<>(byPointer).forEach((pointer, scope) -> object.put(pointer, scope.code()));
        return object.toString();
    }

    /** Reads the stored object; unknown spellings are skipped (a newer node may know more). */
    public static RequiredChoices fromJson(JsonNode stored) {
        if (stored == null || !stored.isObject()) {
            return NONE;
        }
        Map<String, RequiredScope> choices = new LinkedHashMap<>();
        stored.properties().forEach(entry -> RequiredScope.of(entry.getValue().asText())
                .ifPresent(scope -> choices.put(entry.getKey(), scope)));
        return new RequiredChoices(choices);
    }

    /** Whether a validation error's pointer ({@code /membres_foyer/2/nom}) is the field a choice names. */
    public static boolean matches(String choicePointer, String errorPointer) {
        String[] chosen = choicePointer.split("/", -1);
        String[] error = errorPointer.split("/", -1);
        if (chosen.length != error.length) {
            return false;
        }
        for (int i = 0; i < chosen.length; i++) {
            boolean same = "*".equals(chosen[i]) ? ROW_INDEX.matcher(error[i]).matches() : chosen[i].equals(error[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
