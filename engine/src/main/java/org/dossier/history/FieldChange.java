package org.dossier.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One field a save changed.
 *
 * @param pointer      the JSON pointer of the value in the case file ({@code /membres_foyer/1/nom})
 * @param confidential whether the field is {@code x-confidential} (or lies under one)
 * @param before       its value before the save; empty when it held none
 * @param after        its value after the save; empty when it holds none
 * @param masked       the values are confidential and withheld from this reader: only the fact of a change
 *                     shows, {@code before} and {@code after} then holding a JSON null for a value
 */
public record FieldChange(String pointer, boolean confidential, Optional<JsonNode> before, Optional<JsonNode> after,
                          boolean masked) {

    static FieldChange of(String pointer, boolean confidential, JsonNode before, JsonNode after) {
        return new FieldChange(pointer, confidential, Optional.ofNullable(before), Optional.ofNullable(after), false);
    }
}
