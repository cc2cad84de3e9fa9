package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Every saved row of a case file with its identity ({@link ConfidentialFields#ROW_ID}, its index
 * in the version read), for the edit page: a save then knows which saved rows were removed (to
 * confirm and audit the removal) and which were kept, whatever else moved.
 */
public final class RowIdentities {
    private RowIdentities() {}

    /** A copy of {@code data} whose rows, at any depth, carry their index unless they already carry one. */
    public static JsonNode numbered(JsonNode effectiveSchema, JsonNode data) {
        if (data == null || !data.isObject()) {
            return data;
        }
        ObjectNode copy = ((ObjectNode) data).deepCopy();
        number(effectiveSchema, copy);
        return copy;
    }

    private static void number(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode child = object.get(property.getKey());
                if (child != null) {
                    number(property.getValue(), child);
                }
            }
        } else if (value instanceof ArrayNode rows && schema.path("items").path("properties").isObject()) {
            for (int index = 0; index < rows.size(); index++) {
                if (rows.get(index) instanceof ObjectNode row) {
                    if (!row.has(ConfidentialFields.ROW_ID)) {
                        row.put(ConfidentialFields.ROW_ID, index);
                    }
                    number(schema.path("items"), row);
                }
            }
        }
    }
}
