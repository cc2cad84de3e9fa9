package org.dossier.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.dossier.form.CustomField;

/**
 * The {@code customFields} array of a draft customisation, changed in place. Entries are matched
 * by key; the fields other than the one changed are left exactly as stored.
 */
final class DraftCustomFields {
    private DraftCustomFields() {}

    /** The array, created empty when the customisation has none. */
    static ArrayNode of(ObjectNode customisation) {
        return customisation.path("customFields").isArray() ? (ArrayNode) customisation.get("customFields")
                : customisation.putArray("customFields");
    }

    /** The first entry with the key. */
    static Optional<JsonNode> find(JsonNode customisation, String key) {
        for (JsonNode spec : customisation.path("customFields")) {
            if (CustomField.keyOf(spec).equals(key)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Puts the field in place of every entry with the key. */
    static void replace(ObjectNode customisation, String key, ObjectNode field) {
        ArrayNode fields = of(customisation);
        for (int i = 0; i < fields.size(); i++) {
            if (CustomField.keyOf(fields.get(i)).equals(key)) {
                fields.set(i, field);
            }
        }
    }

    /** Removes the last entry with the key, if any. */
    static void remove(ObjectNode customisation, String key) {
        ArrayNode fields = of(customisation);
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (CustomField.keyOf(fields.get(i)).equals(key)) {
                fields.remove(i);
                return;
            }
        }
    }
}
