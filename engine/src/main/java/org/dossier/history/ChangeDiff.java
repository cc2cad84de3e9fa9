package org.dossier.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dossier.form.ConfidentialFields;

/**
 * What a save changed: the two versions of a case file flattened to their values (one per scalar
 * field, a list of choices counting as one value, rows of a repeatable group by their position),
 * compared pointer by pointer. An empty value (null, blank text, an empty list) counts as none, so
 * that a form posting an empty field where nothing was stored changes nothing. Row identities
 * ({@link ConfidentialFields#ROW_ID}) are bookkeeping, not data, and are left out.
 */
public final class ChangeDiff {
    private ChangeDiff() {}

    /**
     * The changed fields, in the order of the new version, then those it no longer holds.
     *
     * @param effectiveSchema the schema of the form version the save went through: it says which
     *                        fields are confidential
     * @param before          the stored data, or null for a new case file
     */
    public static List<FieldChange> between(JsonNode effectiveSchema, JsonNode before, JsonNode after) {
        Map<String, Leaf> old = flatten(effectiveSchema, before);
        Map<String, Leaf> now = flatten(effectiveSchema, after);
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, Leaf> entry : now.entrySet()) {
            Leaf previous = old.get(entry.getKey());
            Leaf current = entry.getValue();
            if (previous == null || !Objects.equals(previous.value(), current.value())) {
                changes.add(FieldChange.of(entry.getKey(), current.confidential() || previous != null
                        && previous.confidential(), previous == null ? null : previous.value(), current.value()));
            }
        }
        for (Map.Entry<String, Leaf> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                changes.add(FieldChange.of(entry.getKey(), entry.getValue().confidential(), entry.getValue().value(),
                        null));
            }
        }
        return List.copyOf(changes);
    }

    /** A value of the case file and whether it is confidential. */
    record Leaf(JsonNode value, boolean confidential) {}

    /** Every value of {@code data} by its pointer, in document order. */
    static Map<String, Leaf> flatten(JsonNode effectiveSchema, JsonNode data) {
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        if (data != null && data.isObject()) {
            walk(effectiveSchema == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : effectiveSchema, data, "", false, leaves);
        }
        return leaves;
    }

    private static void walk(JsonNode schema, JsonNode value, String pointer, boolean confidential,
                             Map<String, Leaf> leaves) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (ConfidentialFields.ROW_ID.equals(field.getKey())) {
                    continue;
                }
                JsonNode fieldSchema = schema.path("properties").path(field.getKey());
                walk(fieldSchema, field.getValue(), pointer + "/" + escape(field.getKey()),
                        confidential || fieldSchema.path("x-confidential").asBoolean(false), leaves);
            }
        } else if (value.isArray() && holdsObjects(value)) {
            for (int index = 0; index < value.size(); index++) {
                walk(schema.path("items"), value.get(index), pointer + "/" + index, confidential, leaves);
            }
        } else if (ConfidentialFields.isValue(value)) {
            leaves.put(pointer, new Leaf(value, confidential));
        }
    }

    private static boolean holdsObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6901: a key holding {@code ~} or {@code /} stays one step of the pointer. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
