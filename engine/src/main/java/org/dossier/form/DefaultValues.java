package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The data a new case file starts with: the {@code default} of every field of the form tree, inside
 * the sections that hold them. Only a new case file is prefilled: an existing one shows what it
 * holds, and a field it left empty stays empty.
 */
public final class DefaultValues {
    private DefaultValues() {}

    /** The defaults of an effective schema as record data; an empty object when it has none. */
    public static ObjectNode of(JsonNode effectiveSchema) {
        return object(effectiveSchema);
    }

    private static ObjectNode object(JsonNode schema) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode field = property.getValue();
            if (field.has("default")) {
                data.set(property.getKey(), field.get("default").deepCopy());
            } else if (field.path("properties").isObject()) {
                ObjectNode section = object(field);
                if (!section.isEmpty()) {
                    data.set(property.getKey(), section);
                }
            }
        }
        return data;
    }
}
