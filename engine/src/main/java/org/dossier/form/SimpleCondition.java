package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code x-visible-when} condition of the shape the designer writes, evaluated on the Jackson
 * tree with the meaning JSON Schema gives it: from the root, levels of exactly one property, each
 * {@code {"properties": {k: next}, "required": [k]}} (optionally with {@code "type": "object"}),
 * down to {@code {"const": v}} or {@code {"enum": [v, ...]}} where every value is a string or a
 * boolean. A level without {@code type} holds for a value that is not an object ({@code properties}
 * and {@code required} constrain objects only); with it, such a value fails. Anything else (numbers,
 * whose equality JSON Schema defines on their value, not their text; several properties; other
 * keywords) is not simple, and everit evaluates it.
 */
final class SimpleCondition {
    private final List<String> path;
    private final List<Boolean> objectRequired;
    private final List<JsonNode> values;

    private SimpleCondition(List<String> path, List<Boolean> objectRequired, List<JsonNode> values) {
        this.path = List.copyOf(path);
        this.objectRequired = List.copyOf(objectRequired);
        this.values = List.copyOf(values);
    }

    /** The condition, when it has the simple shape. */
    static Optional<SimpleCondition> of(JsonNode condition) {
        List<String> path = new ArrayList<>();
        List<Boolean> objectRequired = new ArrayList<>();
        JsonNode level = condition;
        while (level != null && level.isObject()) {
            if (level.size() == 1 && level.has("const")) {
                return path.isEmpty() || !scalar(level.get("const")) ? Optional.empty()
                        : Optional.of(new SimpleCondition(path, objectRequired, List.of(level.get("const"))));
            }
            if (level.size() == 1 && level.has("enum")) {
                JsonNode values = level.get("enum");
                if (path.isEmpty() || !values.isArray() || values.isEmpty()) {
                    return Optional.empty();
                }
                List<JsonNode> allowed = new ArrayList<>();
                for (JsonNode value : values) {
                    if (!scalar(value)) {
                        return Optional.empty();
                    }
                    allowed.add(value);
                }
                return Optional.of(new SimpleCondition(path, objectRequired, allowed));
            }
            JsonNode type = level.get("type");
            boolean typed = type != null;
            if (typed && !"object".equals(type.textValue())) {
                return Optional.empty();
            }
            JsonNode properties = level.get("properties");
            JsonNode required = level.get("required");
            if (level.size() != (typed ? 3 : 2) || properties == null || !properties.isObject() || properties.size() != 1
                    || required == null || !required.isArray() || required.size() != 1) {
                return Optional.empty();
            }
            String key = properties.fieldNames().next();
            if (!key.equals(required.get(0).textValue())) {
                return Optional.empty();
            }
            path.add(key);
            objectRequired.add(typed);
            level = properties.get(key);
        }
        return Optional.empty();
    }

    private static boolean scalar(JsonNode value) {
        return value.isTextual() || value.isBoolean();
    }

    /** Whether {@code data} (the record's whole data) is valid against the condition. */
    boolean holdsFor(JsonNode data) {
        JsonNode node = data;
        for (int level = 0; level < path.size(); level++) {
            if (!node.isObject()) {
                return !objectRequired.get(level);
            }
            node = node.get(path.get(level));
            if (node == null) {
                return false; // required
            }
        }
        for (JsonNode value : values) {
            if (value.isTextual() ? node.isTextual() && value.textValue().equals(node.textValue())
                    : node.isBoolean() && value.booleanValue() == node.booleanValue()) {
                return true;
            }
        }
        return false;
    }
}
