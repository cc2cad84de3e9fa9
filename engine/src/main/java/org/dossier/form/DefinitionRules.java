package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules on a form definition that JSON Schema cannot express: x-section and x-module placement
 * and targets, x-visible-when conditions that load, required keys that exist, x-enum-labels keys
 * that are enum values, x-not-future on dates only, the platform's cap on {@code maxItems}, and no
 * condition that reads a confidential field to decide something a member without the grant sees,
 * and x-errorMessage only for rules the field has.
 * Written defensively: it also runs on definitions the meta-schema refused.
 */
final class DefinitionRules {
    private static final List<String> SINGLE_SUBSCHEMAS = List.of("if", "then", "else", "not");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");
    /** The rules an {@code x-errorMessage} may name besides {@code required}, {@code type} and {@code notFuture}. */
    private static final Set<String> RULE_KEYWORDS = Set.of("format", "pattern", "minLength", "maxLength", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "enum", "const", "minItems", "maxItems",
            "uniqueItems");

    private final JsonNode root;
    private final List<DefinitionProblem> problems = new ArrayList<>();

    DefinitionRules(JsonNode root) {
        this.root = root;
    }

    List<DefinitionProblem> problems() {
        problems.clear();
        visit(root, "", root, true, List.of(), false);
        return List.copyOf(problems);
    }

    /**
     * @param formNode     the node of the form tree at the same data location: a conditional subschema's
     *                     {@code required} may name properties declared there rather than in itself
     * @param inFormTree   false inside if/then/else and the other combinators
     * @param dataPath     where the data this schema applies to sits, {@code *} standing for rows
     * @param confidential true under an {@code x-confidential} property
     */
    private void visit(JsonNode schema, String pointer, JsonNode formNode, boolean inFormTree, List<String> dataPath,
                       boolean confidential) {
        if (!schema.isObject()) {
            return;
        }
        boolean hidden = confidential || schema.path("x-confidential").asBoolean(false);
        checkRequired(schema, pointer, formNode);
        checkEnumLabels(schema, pointer);
        checkVisibleWhen(schema, pointer, hidden);
        checkMaxItems(schema, pointer);
        checkNotFuture(schema, pointer);
        checkErrorMessages(schema, pointer);
        boolean atRoot = inFormTree && pointer.isEmpty();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String childPointer = JsonPointers.append(JsonPointers.append(pointer, "properties"), property.getKey());
            JsonNode childForm = formNode.path("properties").path(property.getKey());
            checkPlacement(property.getValue(), childPointer, atRoot);
            visit(property.getValue(), childPointer, childForm.isObject() ? childForm : property.getValue(), inFormTree,
                    ConditionReads.child(dataPath, property.getKey()), hidden);
        }
        visitItems(schema, pointer, formNode, inFormTree, dataPath, hidden);
        if (!hidden) {
            checkConditionReads(schema.path("if"), JsonPointers.append(pointer, "if"), dataPath, "if");
        }
        for (String keyword : SINGLE_SUBSCHEMAS) {
            visit(schema.path(keyword), JsonPointers.append(pointer, keyword), formNode, false, dataPath, hidden);
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            JsonNode list = schema.path(keyword);
            for (int i = 0; i < list.size(); i++) {
                visit(list.get(i), JsonPointers.append(JsonPointers.append(pointer, keyword), i), formNode, false,
                        dataPath, hidden);
            }
        }
    }

    private void visitItems(JsonNode schema, String pointer, JsonNode formNode, boolean inFormTree, List<String> dataPath,
                            boolean confidential) {
        JsonNode items = schema.path("items");
        String itemsPointer = JsonPointers.append(pointer, "items");
        if (items.isObject() && items.has("x-confidential")) {
            // Masking follows properties: a mark on the items of a list would silently mask nothing.
            problems.add(new DefinitionProblem(JsonPointers.append(itemsPointer, "x-confidential"), "x-confidential",
                    "x-confidential belongs on the list's property (or on the fields of its rows), not on its items"));
        }
        List<String> rows = ConditionReads.child(dataPath, ConditionReads.ROWS);
        if (items.isObject()) {
            JsonNode formItems = formNode.path("items");
            visit(items, itemsPointer, formItems.isObject() ? formItems : items, inFormTree, rows, confidential);
        } else if (items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), JsonPointers.append(itemsPointer, i), items.get(i), inFormTree, rows, confidential);
            }
        }
    }

    private void checkPlacement(JsonNode property, String pointer, boolean rootLevel) {
        JsonNode section = property.path("x-section");
        if (!section.isMissingNode()) {
            String at = JsonPointers.append(pointer, "x-section");
            if (!rootLevel) {
                problems.add(new DefinitionProblem(at, "x-section", "x-section is only allowed on root-level properties"));
            } else if (isObject(property)) {
                problems.add(new DefinitionProblem(at, "x-section", "a section cannot be placed in another section"));
            } else if (!isObject(root.path("properties").path(section.asText()))) {
                problems.add(new DefinitionProblem(at, "x-section",
                        "x-section names \"" + section.asText() + "\" but the root has no section (object property) by that key"));
            }
        }
        if (property.has("x-module") && !(rootLevel && isObject(property))) {
            problems.add(new DefinitionProblem(JsonPointers.append(pointer, "x-module"), "x-module",
                    "x-module is only allowed on root-level sections (object properties)"));
        }
    }

    private void checkRequired(JsonNode schema, String pointer, JsonNode formNode) {
        JsonNode required = schema.path("required");
        if (!required.isArray()) {
            return;
        }
        Set<String> known = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(known::add);
        formNode.path("properties").fieldNames().forEachRemaining(known::add);
        for (int i = 0; i < required.size(); i++) {
            String name = required.get(i).asText();
            if (!known.contains(name)) {
                problems.add(new DefinitionProblem(JsonPointers.append(JsonPointers.append(pointer, "required"), i),
                        "required", "required names \"" + name + "\" but properties defines no such key"));
            }
        }
    }

    private void checkEnumLabels(JsonNode schema, String pointer) {
        JsonNode labels = schema.path("x-enum-labels");
        if (!labels.isObject()) {
            return;
        }
        String at = JsonPointers.append(pointer, "x-enum-labels");
        JsonNode values = schema.has("enum") ? schema.path("enum") : schema.path("items").path("enum");
        if (!values.isArray()) {
            problems.add(new DefinitionProblem(at, "x-enum-labels", "x-enum-labels needs an enum (or items.enum) on the same property"));
            return;
        }
        Set<String> allowed = new HashSet<>();
        values.forEach(value -> allowed.add(value.isTextual() ? value.asText() : value.toString()));
        labels.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problems.add(new DefinitionProblem(JsonPointers.append(at, key), "x-enum-labels",
                        "\"" + key + "\" is not one of the enum values " + allowed));
            }
        });
    }

    private void checkVisibleWhen(JsonNode schema, String pointer, boolean confidential) {
        JsonNode condition = schema.path("x-visible-when");
        if (!condition.isObject()) {
            return;
        }
        String at = JsonPointers.append(pointer, "x-visible-when");
        try {
            EveritSchemas.load(condition);
        } catch (RuntimeException e) {
            // everit reports unloadable schemas with SchemaException, and a few malformed values with
            // ClassCastException or JSONException: any of them means the condition cannot be evaluated.
            problems.add(new DefinitionProblem(at, "x-visible-when",
                    "the condition is not a loadable JSON Schema: " + e.getMessage()));
            return;
        }
        if (!confidential) {
            // Display conditions are evaluated on the whole record.
            checkConditionReads(condition, at, List.of(), "x-visible-when");
        }
    }

    /**
     * A field shown, hidden or required according to a confidential value would tell a member
     * without the grant what that value is (by its value, its control, or a required error), so
     * only a confidential field may depend on one.
     */
    private void checkConditionReads(JsonNode condition, String at, List<String> dataPath, String keyword) {
        for (List<String> read : ConditionReads.of(condition, dataPath)) {
            if (ConditionReads.isConfidential(root, read)) {
                problems.add(new DefinitionProblem(at, keyword, "the condition reads the confidential field /"
                        + String.join("/", read) + ": what it decides would tell members without the confidential "
                        + "grant what that field holds; mark this field confidential too, or test another field"));
                return;
            }
        }
    }

    /** Every list is bounded (see {@link ListLimits}): a definition may raise the default, never past the cap. */
    private void checkMaxItems(JsonNode schema, String pointer) {
        JsonNode maxItems = schema.path("maxItems");
        if (maxItems.isNumber() && maxItems.isIntegralNumber()
                && (!maxItems.canConvertToLong() || maxItems.longValue() > ListLimits.MAX_ITEMS)) {
            problems.add(new DefinitionProblem(JsonPointers.append(pointer, "maxItems"), "maxItems",
                    "maxItems is " + maxItems.asText() + " but a list holds at most " + ListLimits.MAX_ITEMS
                            + " items on this platform (" + ListLimits.DEFAULT_MAX_ITEMS + " when maxItems is not set)"));
        }
    }

    private void checkNotFuture(JsonNode schema, String pointer) {
        if (schema.has("x-not-future") && !"date".equals(schema.path("format").asText())) {
            problems.add(new DefinitionProblem(JsonPointers.append(pointer, "x-not-future"), "x-not-future",
                    "x-not-future belongs on a field with \"format\": \"date\""));
        }
    }

    /**
     * An author's message for a rule the field does not have would never show, and says the author
     * expects a check that is not there: refused. {@code required} and {@code type} always apply
     * (a field may be required by a condition elsewhere); a list always has a {@code maxItems}.
     */
    private void checkErrorMessages(JsonNode schema, String pointer) {
        JsonNode messages = schema.path("x-errorMessage");
        if (!messages.isObject()) {
            return;
        }
        String at = JsonPointers.append(pointer, "x-errorMessage");
        for (Map.Entry<String, JsonNode> message : messages.properties()) {
            String code = message.getKey();
            boolean applies = switch (code) {
                case "required", "type" -> true;
                case "notFuture" -> schema.path("x-not-future").asBoolean(false);
                case "maxItems" -> "array".equals(schema.path("type").asText()) || schema.has("maxItems");
                default -> schema.has(code) || !RULE_KEYWORDS.contains(code); // an unknown code is the meta-schema's to refuse
            };
            if (!applies) {
                problems.add(new DefinitionProblem(JsonPointers.append(at, code), "x-errorMessage",
                        "x-errorMessage has a message for " + code + " but the field has no such rule"));
            }
            for (Map.Entry<String, JsonNode> text : message.getValue().properties()) {
                if (text.getValue().isTextual() && text.getValue().textValue().isBlank()) {
                    problems.add(new DefinitionProblem(JsonPointers.append(JsonPointers.append(at, code), text.getKey()),
                            "x-errorMessage", "a message cannot be blank"));
                }
            }
        }
    }

    private static boolean isObject(JsonNode schema) {
        return schema.isObject() && "object".equals(schema.path("type").asText());
    }
}
