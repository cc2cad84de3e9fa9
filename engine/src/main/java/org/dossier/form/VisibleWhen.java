package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.everit.json.schema.Schema;
import org.json.JSONObject;

/**
 * Evaluates {@code x-visible-when} conditions: a field is visible when the record's whole data
 * is valid against the condition, itself a JSON Schema. Conditions are compiled once and cached;
 * the cache is bounded by the number of distinct conditions in published forms.
 */
public final class VisibleWhen {
    private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

    /**
     * @param condition  the value of {@code x-visible-when}; a missing or null node means always visible
     * @param recordData the record's data converted once per request with {@link #toEveritData(JsonNode)}
     */
    public boolean isVisible(JsonNode condition, Object recordData) {
        if (condition == null || condition.isNull() || condition.isMissingNode()) {
            return true;
        }
        Schema schema = compiled.computeIfAbsent(condition, EveritSchemas::load);
        return validates(schema, recordData);
    }

    private static boolean validates(Schema schema, Object recordData) {
        try {
            schema.validate(recordData);
            return true;
        } catch (org.everit.json.schema.ValidationException e) {
            return false;
        }
    }


    /**
     * Converts Jackson data into the org.json form everit validates, walking the tree directly:
     * printing it and parsing the text again cost more than the validation itself.
     */
    public static Object toEveritData(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return new JSONObject();
        }
        return convert(data);
    }

    private static Object convert(JsonNode node) {
        if (node.isObject()) {
            JSONObject object = new JSONObject();
            node.fields().forEachRemaining(field -> object.put(field.getKey(), convert(field.getValue())));
            return object;
        }
        if (node.isArray()) {
            org.json.JSONArray array = new org.json.JSONArray();
            node.forEach(element -> array.put(convert(element)));
            return array;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            if (!node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                // Request bodies read decimals exactly and their limits refuse such numbers first.
                throw new IllegalArgumentException("not a finite number: " + node);
            }
            return node.decimalValue();
        }
        return JSONObject.NULL;
    }
}
