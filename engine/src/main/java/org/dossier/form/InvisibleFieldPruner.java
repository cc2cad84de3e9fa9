package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Drops the values of fields whose {@code x-visible-when} condition is false for the submitted
 * data: a value the form did not show is not kept (data minimisation). Conditions are evaluated
 * against the data as submitted, before anything is removed, exactly as the page showed it.
 */
public final class InvisibleFieldPruner {
    private final VisibleWhen visibleWhen;

    public InvisibleFieldPruner(VisibleWhen visibleWhen) {
        this.visibleWhen = visibleWhen;
    }

    /** Returns a pruned deep copy; the argument is left as it was. */
    public JsonNode prune(JsonNode effectiveSchema, JsonNode data) {
        JsonNode copy = data.deepCopy();
        if (copy.isObject()) {
            pruneObject(effectiveSchema, (ObjectNode) copy, VisibleWhen.Subject.of(data));
        }
        return copy;
    }

    private void pruneObject(JsonNode schema, ObjectNode data, VisibleWhen.Subject subject) {
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode propertySchema = properties.path(field.getKey());
            if (propertySchema.isMissingNode()) {
                continue; // unknown properties are the validator's to refuse, with a message
            }
            if (!visibleWhen.isVisible(propertySchema.get("x-visible-when"), subject)) {
                fields.remove();
                continue;
            }
            pruneValue(propertySchema, field.getValue(), subject);
        }
    }

    private void pruneValue(JsonNode schema, JsonNode value, VisibleWhen.Subject subject) {
        if (value.isObject()) {
            pruneObject(schema, (ObjectNode) value, subject);
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (JsonNode row : (ArrayNode) value) {
                pruneValue(schema.path("items"), row, subject);
            }
        }
    }
}
