package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a stored definition into the effective schema of {@code schemas/VOCABULARY.md}.
 *
 * <p>The "form tree" is the root and what hangs from it through {@code properties} and {@code items};
 * the schemas under {@code if}/{@code then}/{@code allOf}… are conditions on it, so they are never
 * closed with {@code additionalProperties: false} (that would make a condition such as
 * {@code {"properties": {"dettes": {"const": true}}}} fail on every record).
 */
final class EffectiveSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SINGLE_SUBSCHEMAS = List.of("if", "then", "else", "not");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

    private EffectiveSchema() {}

    static ObjectNode of(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw new IllegalArgumentException("a form definition is a JSON object");
        }
        ObjectNode root = StandardKeywords.normalize(definition);
        Set<String> hiddenSections = dropHidden(root);
        for (JsonNode property : root.path("properties")) {
            if (property.isObject() && hiddenSections.contains(property.path("x-section").asText(null))) {
                // The section is not part of this service's form: the field is shown at the root instead of being lost.
                ((ObjectNode) property).remove("x-section");
            }
        }
        moveVisibleWhenRequired(root, root, new ArrayList<>());
        close(root);
        limitLists(root);
        return root;
    }

    /** Removes x-hidden properties everywhere in the form tree; returns the hidden keys of the root. */
    private static Set<String> dropHidden(ObjectNode schema) {
        Set<String> hidden = new HashSet<>();
        JsonNode properties = schema.path("properties");
        if (properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (property.getValue().path("x-hidden").asBoolean(false)) {
                    hidden.add(property.getKey());
                }
            }
            ((ObjectNode) properties).remove(hidden);
            removeFromRequired(schema, hidden);
            for (JsonNode property : properties) {
                if (property.isObject()) {
                    dropHidden((ObjectNode) property);
                }
            }
        }
        forEachItemSchema(schema, EffectiveSchema::dropHidden);
        return hidden;
    }

    /** Also in the conditional rules of the same object: a hidden field can never be required. */
    private static void removeFromRequired(JsonNode schema, Set<String> names) {
        if (!schema.isObject() || names.isEmpty()) {
            return;
        }
        JsonNode required = schema.path("required");
        if (required.isArray()) {
            ArrayNode kept = NODES.arrayNode();
            required.forEach(name -> {
                if (!names.contains(name.asText())) {
                    kept.add(name);
                }
            });
            ((ObjectNode) schema).set("required", kept);
        }
        for (String keyword : SINGLE_SUBSCHEMAS) {
            removeFromRequired(schema.path(keyword), names);
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            schema.path(keyword).forEach(subschema -> removeFromRequired(subschema, names));
        }
    }

    /**
     * A required field with x-visible-when is required only while visible: it leaves {@code required}
     * for a root-level {@code if}/{@code then}. Inside array rows it stays required as is: the condition
     * is evaluated on the whole record, and JSON Schema has no way to say "this row's field, when the
     * record matches", so a visible-when field in a row should not be listed in the row's required.
     */
    private static void moveVisibleWhenRequired(ObjectNode root, ObjectNode schema, List<String> ancestors) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject()) {
            return;
        }
        JsonNode required = schema.path("required");
        if (required.isArray()) {
            ArrayNode kept = NODES.arrayNode();
            for (JsonNode name : required) {
                JsonNode condition = properties.path(name.asText()).path("x-visible-when");
                if (condition.isObject()) {
                    ArrayNode allOf = root.has("allOf") ? (ArrayNode) root.get("allOf") : root.putArray("allOf");
                    allOf.addObject().<ObjectNode>set("if", condition.deepCopy())
                            .set("then", requirement(ancestors, name.asText()));
                } else {
                    kept.add(name);
                }
            }
            if (kept.isEmpty()) {
                schema.remove("required");
            } else {
                schema.set("required", kept);
            }
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            if (property.getValue().isObject()) {
                List<String> path = new ArrayList<>(ancestors);
                path.add(property.getKey());
                moveVisibleWhenRequired(root, (ObjectNode) property.getValue(), path);
            }
        }
    }

    /** {"properties": {"a": {"properties": {"b": {"required": [field]}}, "required": ["b"]}}, "required": ["a"]} */
    private static ObjectNode requirement(List<String> ancestors, String field) {
        ObjectNode then = NODES.objectNode();
        then.putArray("required").add(field);
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            ObjectNode wrapper = NODES.objectNode();
            wrapper.putObject("properties").set(ancestors.get(i), then);
            wrapper.putArray("required").add(ancestors.get(i));
            then = wrapper;
        }
        return then;
    }

    /** additionalProperties: false on every object of the form tree: what the form does not define is refused. */
    private static void close(ObjectNode schema) {
        if (isObjectSchema(schema)) {
            schema.put("additionalProperties", false);
        }
        for (JsonNode property : schema.path("properties")) {
            if (property.isObject()) {
                close((ObjectNode) property);
            }
        }
        forEachItemSchema(schema, EffectiveSchema::close);
    }

    /** maxItems on every array of the form tree that has none, so that no list is unbounded. */
    private static void limitLists(ObjectNode schema) {
        if (isArraySchema(schema) && !schema.has("maxItems")) {
            schema.put("maxItems", ListLimits.DEFAULT_MAX_ITEMS);
        }
        for (JsonNode property : schema.path("properties")) {
            if (property.isObject()) {
                limitLists((ObjectNode) property);
            }
        }
        forEachItemSchema(schema, EffectiveSchema::limitLists);
    }

    private static boolean isArraySchema(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if ("array".equals(each.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "array".equals(type.asText()) || (type.isMissingNode() && schema.has("items"));
    }

    private static boolean isObjectSchema(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if ("object".equals(each.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "object".equals(type.asText()) || (type.isMissingNode() && schema.has("properties"));
    }

    private static void forEachItemSchema(JsonNode schema, java.util.function.Consumer<ObjectNode> action) {
        JsonNode items = schema.path("items");
        if (items.isObject()) {
            action.accept((ObjectNode) items);
        } else if (items.isArray()) {
            items.forEach(item -> {
                if (item.isObject()) {
                    action.accept((ObjectNode) item);
                }
            });
        }
    }
}
