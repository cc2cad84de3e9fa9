package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.everit.json.schema.Schema;
import org.json.JSONObject;

/**
 * Evaluates {@code x-visible-when} conditions: a field is visible when the record's whole data
 * is valid against the condition, itself a JSON Schema. Conditions are compiled once and cached;
 * the cache is bounded by the number of distinct conditions in published forms.
 *
 * <p>The conditions the designer writes ("show when field X is one of these values": a chain of
 * {@code properties}/{@code required} from the root ending in {@code const} or {@code enum} of
 * strings or booleans, see {@link SimpleCondition}) are evaluated on the Jackson tree directly, with
 * JSON Schema's own meaning. Every other condition goes to everit, whose validator reports a false
 * condition by building an exception and its stack trace: on a case-file page of a few hidden
 * fields, that was a twentieth of the page's time.
 */
public final class VisibleWhen {
    private final Map<JsonNode, Condition> compiled = new ConcurrentHashMap<>();

    /** A compiled condition. */
    private interface Condition {
        boolean holdsFor(Subject subject);
    }

    /**
     * The record's data as conditions read it: the Jackson tree, and its org.json form built only if a
     * condition needs everit. One per request, read by one thread.
     */
    public static final class Subject {
        private final JsonNode data;
        private Object everit;

        private Subject(JsonNode data) {
            this.data = data == null || data.isNull() || data.isMissingNode() ? JsonNodeFactory.instance.objectNode() : data;
        }

        /** @param data the record's whole data; null or missing reads as an empty object */
        public static Subject of(JsonNode data) {
            return new Subject(data);
        }

        JsonNode data() {
            return data;
        }

        Object everit() {
            if (everit == null) {
                everit = toEveritData(data);
            }
            return everit;
        }
    }

    /**
     * @param condition the value of {@code x-visible-when}; a missing or null node means always visible
     * @param subject   the record's data, wrapped once per request
     */
    public boolean isVisible(JsonNode condition, Subject subject) {
        if (condition == null || condition.isNull() || condition.isMissingNode()) {
            return true;
        }
        return compiled.computeIfAbsent(condition, VisibleWhen::compile).holdsFor(subject);
    }

    private static Condition compile(JsonNode condition) {
        Optional<SimpleCondition> simple = SimpleCondition.of(condition);
        if (simple.isPresent()) {
            SimpleCondition evaluated = simple.get();
            return subject -> evaluated.holdsFor(subject.data());
        }
        Schema schema = EveritSchemas.load(condition);
        return subject -> validates(schema, subject.everit());
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
