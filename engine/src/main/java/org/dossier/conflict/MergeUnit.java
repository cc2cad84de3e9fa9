package org.dossier.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One thing a merge takes from one side or the other as a whole: a field (a scalar, or the list
 * of a checkboxes field), or a repeatable group with all its rows. Sections are not units: their
 * fields are.
 *
 * @param pointer JSON Pointer of the value, e.g. {@code /identite/nom}
 * @param group   true for a repeatable group (an array of objects)
 */
public record MergeUnit(String pointer, boolean group) {

    /**
     * The units of a form as one person sees it: a confidential field is not one without the
     * grant (the save carries it over untouched; it is never compared, hashed or shown).
     */
    public static List<MergeUnit> of(JsonNode effectiveSchema, boolean confidentialGrant) {
        List<MergeUnit> units = new ArrayList<>();
        collect(effectiveSchema, "", confidentialGrant, units);
        return List.copyOf(units);
    }

    private static void collect(JsonNode schema, String pointer, boolean grant, List<MergeUnit> units) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode child = property.getValue();
            if (!child.isObject() || !grant && child.path("x-confidential").asBoolean(false)) {
                continue;
            }
            String childPointer = pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
            if (child.path("properties").isObject()) {
                collect(child, childPointer, grant, units);
            } else {
                units.add(new MergeUnit(childPointer, child.path("items").path("properties").isObject()));
            }
        }
    }
}
