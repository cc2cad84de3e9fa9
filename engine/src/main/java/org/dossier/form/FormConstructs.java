package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses, with the JSON path and keyword of each, the draft-07 constructs of a definition that
 * cannot become form controls, before anything is stored. A form is a tree of fields: every value a
 * person enters needs one control, one label and one posted name, so the tree must be known from
 * the schema alone. Refused on the form tree (the root, {@code properties}, {@code items} and
 * what {@code $ref} points to from there):
 * <ul>
 *   <li>{@code $ref} other than {@code #/definitions/…}, to a missing definition, or recursive
 *       (a tree without end);</li>
 *   <li>{@code patternProperties} and a schema-valued {@code additionalProperties}: keys chosen by
 *       the person, which no control can name in advance;</li>
 *   <li>{@code not}, and {@code oneOf}/{@code anyOf} of anything but constants: alternative shapes of
 *       the field, which a control cannot offer;</li>
 *   <li>tuple {@code items} and {@code additionalItems}, arrays of arrays, and an {@code enum} of
 *       objects or arrays;</li>
 *   <li>a {@code type} array other than {@code [T, "null"]};</li>
 *   <li>an object without {@code properties} (nothing to show), and a property declared only inside
 *       a condition ({@code if}/{@code then}/{@code else}, {@code allOf}, {@code dependencies}): it
 *       must be declared in the field's {@code properties} to be shown.</li>
 * </ul>
 * Conditions and rules ({@code if}, {@code allOf}, {@code dependencies}…) may use any keyword:
 * they only validate. Written defensively: it also runs on definitions the meta-schema refused.
 */
final class FormConstructs {
    private static final List<String> CONDITION_KEYWORDS = List.of("if", "then", "else");
    private static final List<String> CONDITION_LISTS = List.of("allOf", "anyOf", "oneOf");

    private final JsonNode root;
    private final List<DefinitionProblem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    private FormConstructs(JsonNode root) {
        this.root = root;
    }

    /** Every construct of {@code definition} that cannot be a form control; empty when it can all be rendered. */
    static List<DefinitionProblem> problems(JsonNode definition) {
        if (definition == null || !definition.isObject() || !"object".equals(definition.path("type").asText())) {
            return List.of(); // not a form at all: the meta-schema says so
        }
        var constructs = new FormConstructs(definition);
        constructs.field(definition, "", new LinkedHashSet<>());
        return List.copyOf(constructs.problems);
    }

    /**
     * @param pointer   where the author wrote this schema
     * @param expanding the definitions being expanded above this point, to catch a cycle
     */
    private void field(JsonNode schema, String pointer, Set<String> expanding) {
        if (!schema.isObject()) {
            if (!pointer.isEmpty() && !schema.isBoolean()) {
                problem(pointer, "type", "a field is a JSON Schema object");
            }
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            reference(schema, ref, pointer, expanding);
            return;
        }
        checkType(schema, pointer);
        checkNotRenderable(schema, pointer);
        checkChoices(schema, pointer);
        JsonNode properties = schema.path("properties");
        if (isType(schema, "object") && !properties.isObject()) {
            problem(pointer, "properties", "an object field needs \"properties\": there is nothing to show otherwise");
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            field(property.getValue(), append(append(pointer, "properties"), property.getKey()), expanding);
        }
        checkConditionProperties(schema, pointer);
        items(schema, pointer, expanding);
    }

    private void reference(JsonNode schema, JsonNode ref, String pointer, Set<String> expanding) {
        String at = append(pointer, "$ref");
        String name;
        try {
            name = StandardKeywords.definitionName(ref.asText());
        } catch (IllegalArgumentException e) {
            problem(at, "$ref", "only references to this definition's own \"definitions\" (#/definitions/name) are supported, not "
                    + ref.asText());
            return;
        }
        JsonNode target = root.path("definitions").path(name);
        if (!target.isObject()) {
            problem(at, "$ref", "\"" + ref.asText() + "\" names no entry of \"definitions\"");
            return;
        }
        if (expanding.contains(name)) {
            problem(at, "$ref", "\"" + ref.asText() + "\" is recursive (it refers back to a definition that contains it): "
                    + "a form cannot show a tree without end");
            return;
        }
        Set<String> deeper = new LinkedHashSet<>(expanding);
        deeper.add(name);
        var merged = target.deepCopy();
        if (merged instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            schema.properties().forEach(entry -> {
                if (!"$ref".equals(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue());
                }
            });
        }
        // Problems inside the definition are reported where the author wrote them, once.
        field(merged, "/definitions/" + escape(name), deeper);
    }

    private void checkType(JsonNode schema, String pointer) {
        JsonNode type = schema.path("type");
        if (!type.isArray()) {
            return;
        }
        List<String> named = new ArrayList<>();
        type.forEach(each -> named.add(each.asText()));
        boolean nullable = named.size() == 2 && named.contains("null");
        if (named.size() > 1 && !nullable) {
            problem(append(pointer, "type"), "type", "a field has one type (or one type and \"null\"), not " + named
                    + ": a control takes one kind of value");
        }
    }

    private void checkNotRenderable(JsonNode schema, String pointer) {
        if (schema.has("patternProperties")) {
            problem(append(pointer, "patternProperties"), "patternProperties",
                    "keys chosen by the person cannot be form fields: declare each key in \"properties\"");
        }
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isMissingNode() && !(additional.isBoolean() && !additional.booleanValue())) {
            problem(append(pointer, "additionalProperties"), "additionalProperties",
                    "extra keys cannot be form fields: use \"additionalProperties\": false (the form refuses what it does not define)");
        }
        if (schema.has("not")) {
            problem(append(pointer, "not"), "not", "\"not\" describes what a field is not, which no control can offer;"
                    + " say what it is (enum, pattern, minimum…)");
        }
        if (schema.has("additionalItems")) {
            problem(append(pointer, "additionalItems"), "additionalItems", "tuples cannot be form fields: use one \"items\" schema");
        }
        JsonNode values = schema.path("enum");
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isContainerNode()) {
                problem(append(append(pointer, "enum"), i), "enum", "a choice is a string, number or boolean, not an object or array");
            }
        }
    }

    private void checkChoices(JsonNode schema, String pointer) {
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode list = schema.path(keyword);
            if (!list.isMissingNode() && !StandardKeywords.isConstantList(list)) {
                problem(append(pointer, keyword), keyword, "on a field, \"" + keyword + "\" may only list choices"
                        + " {\"const\": value, \"title\": label}: alternative shapes of a field cannot be one control");
            }
        }
    }

    private void items(JsonNode schema, String pointer, Set<String> expanding) {
        JsonNode items = schema.path("items");
        String at = append(pointer, "items");
        if (items.isArray()) {
            problem(at, "items", "tuples (an array of \"items\" schemas) cannot be form fields: use one \"items\" schema");
            return;
        }
        if (isType(schema, "array") && !items.isObject()) {
            problem(pointer, "items", "a list needs an \"items\" schema saying what each entry is");
            return;
        }
        if (!items.isObject()) {
            return;
        }
        JsonNode resolved = items.has("$ref") ? root.path("definitions").path(nameOrEmpty(items.get("$ref"))) : items;
        if (isType(resolved, "array")) {
            problem(at, "items", "a list of lists cannot be a form field: make each entry an object with a list in it");
            return;
        }
        field(items, at, expanding);
    }

    /** A condition may only speak of fields the form shows: a property declared there alone would have no control. */
    private void checkConditionProperties(JsonNode schema, String pointer) {
        Set<String> declared = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        for (String keyword : CONDITION_KEYWORDS) {
            undeclared(schema.path(keyword), append(pointer, keyword), declared);
        }
        for (String keyword : CONDITION_LISTS) {
            JsonNode list = schema.path(keyword);
            if (StandardKeywords.isConstantList(list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                undeclared(list.get(i), append(append(pointer, keyword), i), declared);
            }
        }
        for (Map.Entry<String, JsonNode> dependency : schema.path("dependencies").properties()) {
            String at = append(append(pointer, "dependencies"), dependency.getKey());
            if (!declared.contains(dependency.getKey())) {
                problem(at, "dependencies", "\"" + dependency.getKey() + "\" is not declared in \"properties\"");
            }
            if (dependency.getValue().isArray()) {
                for (JsonNode name : dependency.getValue()) {
                    if (!declared.contains(name.asText())) {
                        problem(at, "dependencies", "\"" + name.asText() + "\" is not declared in \"properties\"");
                    }
                }
            } else {
                undeclared(dependency.getValue(), at, declared);
            }
        }
    }

    private void undeclared(JsonNode condition, String pointer, Set<String> declared) {
        if (!condition.isObject()) {
            return;
        }
        for (String key : (Iterable<String>) () -> condition.path("properties").fieldNames()) {
            if (!declared.contains(key)) {
                problem(append(append(pointer, "properties"), key), "properties", "\"" + key
                        + "\" is declared only inside a condition: declare it in the field's \"properties\" so the form can show it");
            }
        }
        for (String keyword : CONDITION_KEYWORDS) {
            undeclared(condition.path(keyword), append(pointer, keyword), declared);
        }
        for (String keyword : CONDITION_LISTS) {
            JsonNode list = condition.path(keyword);
            for (int i = 0; i < list.size(); i++) {
                undeclared(list.get(i), append(append(pointer, keyword), i), declared);
            }
        }
    }

    private void problem(String pointer, String keyword, String message) {
        if (reported.add(pointer + " " + keyword)) {
            problems.add(new DefinitionProblem(pointer, keyword, message));
        }
    }

    private static String nameOrEmpty(JsonNode ref) {
        try {
            return StandardKeywords.definitionName(ref.asText());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isArray()) {
            for (JsonNode each : declared) {
                if (type.equals(each.asText())) {
                    return true;
                }
            }
            return false;
        }
        return type.equals(declared.asText());
    }

    private static String append(String pointer, String segment) {
        return JsonPointers.append(pointer, segment);
    }

    private static String append(String pointer, int index) {
        return JsonPointers.append(pointer, index);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
