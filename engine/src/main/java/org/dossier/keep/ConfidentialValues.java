package org.dossier.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the values of confidential fields out of restored data, for a person who no longer
 * holds the grant: what they typed while they held it is not shown to them now.
 *
 * <p>Unlike {@link org.dossier.form.HiddenData#visible}, rows keep the identities they were posted
 * with, so that the save that follows still matches them with the stored rows.
 */
public final class ConfidentialValues {
    private ConfidentialValues() {}

    /** A copy of {@code data} without any value at an {@code x-confidential} location of {@code schema}. */
    public static ObjectNode without(JsonNode schema, ObjectNode data) {
        ObjectNode copy = data.deepCopy();
        strip(schema, copy);
        return copy;
    }

    private static void strip(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode property = properties.path(name);
                if (property.path("x-confidential").asBoolean(false)) {
                    object.remove(name);
                } else if (property.isObject()) {
                    strip(property, object.get(name));
                }
            }
        } else if (value instanceof ArrayNode rows && schema.path("items").isObject()) {
            rows.forEach(row -> strip(schema.path("items"), row));
        }
    }
}
