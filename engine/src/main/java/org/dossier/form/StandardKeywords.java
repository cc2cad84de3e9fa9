package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the standard draft-07 keywords a form author writes into the vocabulary the renderer,
 * the coercer and the messages read, without changing what the schema accepts:
 * <ul>
 *   <li>{@code $ref} to {@code #/definitions/…} is replaced by a copy of its target, the keywords
 *       written beside it taking precedence (an author's {@code title} next to a shared address);
 *       {@code definitions} then go;</li>
 *   <li>{@code title} and {@code description} become {@code x-label} and {@code x-hint} where the
 *       field has none (the root's title is the form's heading);</li>
 *   <li>{@code oneOf}/{@code anyOf} of {@code {"const": …, "title": …}} become an {@code enum}
 *       labelled by {@code x-enum-labels}, on a field and on the items of a list; a lone
 *       {@code const} on a field of the form becomes a one-value {@code enum} beside it (a boolean
 *       one, "I agree", a single checkbox);</li>
 *   <li>{@code "type": [T, "null"]} on a field becomes {@code T} (a blank field is left out, never null);</li>
 *   <li>{@code dependencies} become {@code allOf} rules {@code {"if": {"required": [key]}, "then": …}},
 *       so that a missing dependent field is reported on that field, as an {@code if}/{@code then} is.</li>
 * </ul>
 * Expects a definition that {@link FormConstructs} accepted (no recursive or foreign {@code $ref}).
 * The argument is left untouched.
 */
final class StandardKeywords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SINGLE_SUBSCHEMAS = List.of("if", "then", "else", "not", "additionalItems");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");
    /** Far beyond any sensible nesting of shared definitions; only a cycle gets there. */
    private static final int MAX_REF_DEPTH = 32;

    private final JsonNode definitions;
    private final Deque<String> expanding = new ArrayDeque<>();

    private StandardKeywords(JsonNode root) {
        this.definitions = root.path("definitions");
    }

    /** The definition in the engine's vocabulary. */
    static ObjectNode normalize(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw new IllegalArgumentException("a form definition is a JSON object");
        }
        var keywords = new StandardKeywords(definition);
        ObjectNode root = (ObjectNode) keywords.schema(definition.deepCopy(), true);
        root.remove("definitions");
        return root;
    }

    /** @param inForm true on the form tree (root, properties, items), false in conditions and rules */
    private JsonNode schema(JsonNode node, boolean inForm) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode schema = (ObjectNode) node;
        int entered = 0;
        while (schema.has("$ref")) {
            schema = resolve(schema);
            entered++;
        }
        labels(schema);
        if (inForm) {
            nullable(schema);
            choices(schema);
            choices(schema.path("items"));
        }
        dependencies(schema);
        if (schema.path("properties") instanceof ObjectNode properties) {
            for (Map.Entry<String, JsonNode> property : List.copyOf(properties.properties())) {
                properties.set(property.getKey(), schema(property.getValue(), inForm));
            }
        }
        if (schema.path("items").isObject()) {
            schema.set("items", schema(schema.get("items"), inForm));
        }
        for (String keyword : SINGLE_SUBSCHEMAS) {
            if (schema.path(keyword).isObject()) {
                schema.set(keyword, schema(schema.get(keyword), false));
            }
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            if (schema.path(keyword) instanceof ArrayNode list) {
                for (int i = 0; i < list.size(); i++) {
                    list.set(i, schema(list.get(i), false));
                }
            }
        }
        for (int i = 0; i < entered; i++) {
            expanding.pop();
        }
        return schema;
    }

    /** The target of a {@code $ref} with the keywords written beside it laid over it; enters the target. */
    private ObjectNode resolve(ObjectNode schema) {
        String ref = schema.get("$ref").asText();
        String name = definitionName(ref);
        if (expanding.size() >= MAX_REF_DEPTH || expanding.contains(name)) {
            throw new IllegalArgumentException("recursive $ref to " + ref);
        }
        JsonNode target = definitions.path(name);
        if (!target.isObject()) {
            throw new IllegalArgumentException("$ref to a missing definition: " + ref);
        }
        expanding.push(name);
        ObjectNode resolved = target.deepCopy();
        resolved.remove("$ref");
        schema.properties().forEach(entry -> {
            if (!"$ref".equals(entry.getKey())) {
                resolved.set(entry.getKey(), entry.getValue());
            }
        });
        if (target.has("$ref")) {
            resolved.set("$ref", target.get("$ref")); // a definition that is itself a reference: followed next
        }
        return resolved;
    }

    /** {@code #/definitions/address} → {@code address}; ~1 and ~0 unescaped as JSON Pointer says. */
    static String definitionName(String ref) {
        String prefix = "#/definitions/";
        if (!ref.startsWith(prefix)) {
            throw new IllegalArgumentException("only $ref to #/definitions/… is supported: " + ref);
        }
        return ref.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
    }

    private static void labels(ObjectNode schema) {
        text(schema, "title", "x-label");
        text(schema, "description", "x-hint");
    }

    private static void text(ObjectNode schema, String standard, String vocabulary) {
        JsonNode text = schema.get(standard);
        if (!schema.has(vocabulary) && text != null && text.isTextual() && !text.textValue().isBlank()) {
            schema.putObject(vocabulary).put("fr", text.textValue().strip());
        }
    }

    /**
     * {@code "type": [T, "null"]} is read as {@code T}: a form leaves a blank field out rather than
     * storing null, and one type gives one message ("enter a number") instead of two.
     */
    private static void nullable(ObjectNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray() && type.size() == 2) {
            for (int i = 0; i < 2; i++) {
                if ("null".equals(type.get(i).asText())) {
                    schema.set("type", type.get(1 - i));
                    return;
                }
            }
        }
    }

    /** oneOf/anyOf of constants → enum with labels; a lone const → a one-value enum. */
    private static void choices(JsonNode node) {
        if (!(node instanceof ObjectNode schema) || schema.has("enum")) {
            return;
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode list = schema.path(keyword);
            if (isConstantList(list)) {
                ArrayNode values = schema.putArray("enum");
                ObjectNode labels = schema.has("x-enum-labels") ? (ObjectNode) schema.get("x-enum-labels")
                        : NODES.objectNode();
                for (JsonNode choice : list) {
                    JsonNode value = choice.get("const");
                    values.add(value);
                    String key = value.isTextual() ? value.textValue() : value.toString();
                    JsonNode title = choice.path("title");
                    if (title.isTextual() && !title.textValue().isBlank() && !labels.has(key)) {
                        labels.putObject(key).put("fr", title.textValue().strip());
                    }
                }
                if (!labels.isEmpty()) {
                    schema.set("x-enum-labels", labels);
                }
                schema.remove(keyword);
                return;
            }
        }
        JsonNode constant = schema.get("const");
        if (constant != null && constant.isBoolean()) {
            // "I agree" ({"type": "boolean", "const": true}): one box to tick; the const refuses the other answer.
            if (!schema.has("x-widget")) {
                schema.put("x-widget", "checkbox");
            }
        } else if (constant != null && constant.isValueNode() && !constant.isNull()) {
            schema.putArray("enum").add(constant);
        }
    }

    /** Whether a list holds only {@code {"const": scalar}} choices, with at most a title and a description. */
    static boolean isConstantList(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return false;
        }
        for (JsonNode choice : list) {
            if (!choice.isObject() || !choice.has("const") || !choice.get("const").isValueNode()) {
                return false;
            }
            for (String keyword : (Iterable<String>) choice::fieldNames) {
                if (!List.of("const", "title", "description", "type").contains(keyword)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each dependency as an if/then rule in allOf, on the object where it was written. */
    private static void dependencies(ObjectNode schema) {
        JsonNode dependencies = schema.remove("dependencies");
        if (dependencies == null || !dependencies.isObject()) {
            return;
        }
        ArrayNode allOf = schema.path("allOf") instanceof ArrayNode list ? list : schema.putArray("allOf");
        for (Map.Entry<String, JsonNode> dependency : dependencies.properties()) {
            ObjectNode rule = allOf.addObject();
            rule.putObject("if").putArray("required").add(dependency.getKey());
            if (dependency.getValue().isArray()) {
                rule.putObject("then").set("required", dependency.getValue().deepCopy());
            } else {
                rule.set("then", dependency.getValue().deepCopy());
            }
        }
    }
}
