package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a service's form definition from the shared base schema and the service's
 * customisation, a small JSON document of what the service changed (see
 * {@code schemas/CUSTOMISATION.md}):
 *
 * <pre>{@code
 * {"fields": {"accompagnement.antenne": {"hidden": true},
 *             "identite.nom_usage": {"required": true, "label": {"fr": "Nom d'usage"}, "order": 15}},
 *  "customFields": [{"key": "numero_allocataire", "type": "text", "section": "identite",
 *                    "label": {"fr": "Numéro allocataire"}, "required": true}],
 *  "modules": {"prevention-expulsions": false}}
 * }</pre>
 *
 * The base is never copied into the customisation: compiled again with an improved base, a
 * service gets every new field and rule, except where its own choices say otherwise. A choice
 * about a base field that no longer exists is reported, not fatal, so a base change never blocks
 * a publish. The result is an ordinary form definition, checked by the meta-schema like any other.
 */
public final class CustomisationCompiler {
    /** The types a service admin can give a custom field. */
    public static final Set<String> TYPES = Set.of("text", "longText", "number", "date", "yesNo", "singleChoice",
            "multipleChoice", "email", "phone");
    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The definition built, and what in the customisation could not be applied. */
    public record Result(ObjectNode definition, List<DefinitionProblem> problems) {}

    /**
     * @throws InvalidFormDefinitionException when the customisation itself is malformed (unknown
     *                                        type, bad key, a custom field colliding with a base field)
     */
    public Result compile(JsonNode base, JsonNode customisation) {
        ObjectNode definition = base.deepCopy();
        List<DefinitionProblem> errors = new ArrayList<>();
        List<DefinitionProblem> stale = new ArrayList<>();
        JsonNode custom = customisation == null || customisation.isNull() ? NODES.objectNode() : customisation;

        applyModules(definition, custom.path("modules"), errors);
        for (Map.Entry<String, JsonNode> entry : custom.path("fields").properties()) {
            applyField(definition, entry.getKey(), entry.getValue(), errors, stale);
        }
        JsonNode customFields = custom.path("customFields");
        for (int i = 0; i < customFields.size(); i++) {
            addCustomField(definition, CustomField.fromJson(customFields.get(i)), "/customFields/" + i, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidFormDefinitionException(errors);
        }
        return new Result(definition, List.copyOf(stale));
    }

    // ---- modules -------------------------------------------------------------------------------

    /** A module switched off hides every root section that belongs to it; its data is kept. */
    private static void applyModules(ObjectNode definition, JsonNode modules, List<DefinitionProblem> errors) {
        for (Map.Entry<String, JsonNode> module : modules.properties()) {
            if (!module.getValue().isBoolean()) {
                errors.add(new DefinitionProblem("/modules/" + module.getKey(), "modules", "on (true) or off (false)"));
                continue;
            }
            if (module.getValue().asBoolean()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> section : definition.path("properties").properties()) {
                if (module.getKey().equals(section.getValue().path("x-module").asText(null))) {
                    ((ObjectNode) section.getValue()).put("x-hidden", true);
                }
            }
        }
    }

    // ---- base fields ---------------------------------------------------------------------------

    private static void applyField(ObjectNode definition, String path, JsonNode choices, List<DefinitionProblem> errors,
                                   List<DefinitionProblem> stale) {
        String pointer = "/fields/" + path.replace("~", "~0").replace("/", "~1");
        Located located = locate(definition, path);
        if (located == null) {
            stale.add(new DefinitionProblem(pointer, "fields", "the base form has no field " + path + " any more"));
            return;
        }
        ObjectNode field = located.field();
        for (Map.Entry<String, JsonNode> choice : choices.properties()) {
            JsonNode value = choice.getValue();
            switch (choice.getKey()) {
                case "hidden" -> field.put("x-hidden", value.asBoolean());
                case "required" -> setRequired(located.parent(), located.key(), value.asBoolean());
                case "label" -> mergeText(field, "x-label", value);
                case "hint" -> mergeText(field, "x-hint", value);
                case "order" -> field.put("x-order", value.asInt());
                case "optionLabels" -> mergeOptionLabels(field, value, pointer, errors);
                default -> errors.add(new DefinitionProblem(pointer + "/" + choice.getKey(), choice.getKey(),
                        "unknown choice; one of hidden, required, label, hint, order, optionLabels"));
            }
        }
    }

    /** A field found by its dotted path, with the object schema that lists it. */
    public record Located(ObjectNode parent, String key, ObjectNode field) {
        /** Whether the parent lists the field in {@code required}. */
        public boolean required() {
            for (JsonNode name : parent.path("required")) {
                if (name.asText().equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Follows {@code properties}, and {@code items.properties} through repeatable groups; null when absent. */
    public static Located locate(JsonNode definition, String path) {
        if (!definition.isObject()) {
            return null;
        }
        ObjectNode parent = (ObjectNode) definition;
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length; i++) {
            JsonNode field = parent.path("properties").path(keys[i]);
            if (!field.isObject()) {
                return null;
            }
            if (i == keys.length - 1) {
                return new Located(parent, keys[i], (ObjectNode) field);
            }
            JsonNode next = field.has("items") ? field.get("items") : field;
            if (!next.isObject()) {
                return null;
            }
            parent = (ObjectNode) next;
        }
        return null;
    }

    private static void setRequired(ObjectNode parent, String key, boolean required) {
        Set<String> keys = new LinkedHashSet<>();
        parent.path("required").forEach(node -> keys.add(node.asText()));
        if (required) {
            keys.add(key);
        } else {
            keys.remove(key);
        }
        if (keys.isEmpty()) {
            parent.remove("required");
        } else {
            ArrayNode array = parent.putArray("required");
            keys.forEach(array::add);
        }
    }

    private static void mergeText(ObjectNode field, String keyword, JsonNode texts) {
        ObjectNode merged = field.path(keyword).isObject() ? (ObjectNode) field.get(keyword) : field.putObject(keyword);
        texts.properties().forEach(text -> merged.put(text.getKey(), text.getValue().asText()));
    }

    private static void mergeOptionLabels(ObjectNode field, JsonNode labels, String pointer, List<DefinitionProblem> errors) {
        JsonNode enumeration = field.has("enum") ? field.get("enum") : field.path("items").path("enum");
        if (!enumeration.isArray()) {
            errors.add(new DefinitionProblem(pointer + "/optionLabels", "optionLabels", "the field has no options"));
            return;
        }
        ObjectNode merged = field.path("x-enum-labels").isObject() ? (ObjectNode) field.get("x-enum-labels")
                : field.putObject("x-enum-labels");
        for (Map.Entry<String, JsonNode> option : labels.properties()) {
            ObjectNode text = merged.path(option.getKey()).isObject() ? (ObjectNode) merged.get(option.getKey())
                    : merged.putObject(option.getKey());
            option.getValue().properties().forEach(label -> text.put(label.getKey(), label.getValue().asText()));
        }
    }

    // ---- custom fields -------------------------------------------------------------------------

    /**
     * A custom field lives at the root of the data, shown in its section through {@code x-section}:
     * its values never mix with the base section's, whatever the base later adds there.
     */
    private static void addCustomField(ObjectNode definition, CustomField spec, String pointer, List<DefinitionProblem> errors) {
        String key = spec.key();
        String type = spec.type();
        ObjectNode properties = (ObjectNode) definition.path("properties");
        if (!KEY.matcher(key).matches()) {
            errors.add(new DefinitionProblem(pointer + "/key", "key",
                    "lower-case letters, digits and underscores, starting with a letter"));
            return;
        }
        if (properties.has(key)) {
            errors.add(new DefinitionProblem(pointer + "/key", "key", "the form already has a field " + key));
            return;
        }
        if (!TYPES.contains(type)) {
            errors.add(new DefinitionProblem(pointer + "/type", "type", "one of " + String.join(", ", TYPES.stream().sorted().toList())));
            return;
        }
        String section = spec.section().orElse("");
        if (!section.isEmpty() && !properties.path(section).path("properties").isObject()) {
            errors.add(new DefinitionProblem(pointer + "/section", "section", "no section " + section));
            return;
        }
        String french = spec.label().get("fr");
        if (french == null || french.isBlank()) {
            errors.add(new DefinitionProblem(pointer + "/label", "label", "a French label is required"));
            return;
        }
        ObjectNode field = schemaOf(type, spec.options(), pointer, errors);
        if (field == null) {
            return;
        }
        field.set("x-label", CustomField.textsJson(spec.label()));
        if (!spec.hint().isEmpty()) {
            field.set("x-hint", CustomField.textsJson(spec.hint()));
        }
        if (!section.isEmpty()) {
            field.put("x-section", section);
        }
        field.put("x-order", spec.orderOrDefault());
        if (spec.isConfidential()) {
            field.put("x-confidential", true);
        }
        if (spec.isHidden()) {
            field.put("x-hidden", true);
        }
        spec.gdpr().ifPresent(gdpr -> field.set("x-gdpr", CustomField.gdprJson(gdpr)));
        if (spec.visibleWhen().isPresent()) {
            JsonNode condition = visibleWhen(definition, spec.visibleWhen().get(), pointer + "/visibleWhen", errors);
            if (condition == null) {
                return;
            }
            field.set("x-visible-when", condition);
        }
        properties.set(key, field);
        if (spec.isRequired()) {
            setRequired(definition, key, true);
        }
    }

    private static ObjectNode schemaOf(String type, List<CustomField.Option> options, String pointer,
                                       List<DefinitionProblem> errors) {
        ObjectNode field = NODES.objectNode();
        switch (type) {
            case "text" -> field.put("type", "string").put("maxLength", 255);
            case "longText" -> field.put("type", "string").put("maxLength", 10_000).put("x-widget", "textarea");
            case "number" -> field.put("type", "number");
            case "date" -> field.put("type", "string").put("format", "date");
            case "yesNo" -> field.put("type", "boolean");
            case "email" -> field.put("type", "string").put("format", "email").put("maxLength", 254);
            case "phone" -> field.put("type", "string").put("maxLength", 30).put("pattern", "^[0-9+() .-]{6,30}$")
                    .put("x-widget", "tel");
            case "singleChoice", "multipleChoice" -> {
                if (options.isEmpty()) {
                    errors.add(new DefinitionProblem(pointer + "/options", "options", "a choice needs at least one option"));
                    return null;
                }
                ArrayNode values = NODES.arrayNode();
                ObjectNode labels = NODES.objectNode();
                Set<String> seen = new LinkedHashSet<>();
                for (int i = 0; i < options.size(); i++) {
                    String value = options.get(i).value();
                    if (value.isEmpty() || !seen.add(value)) {
                        errors.add(new DefinitionProblem(pointer + "/options/" + i + "/value", "options",
                                "each option needs a value of its own"));
                        return null;
                    }
                    values.add(value);
                    Map<String, String> label = options.get(i).label();
                    labels.set(value, label.isEmpty() ? NODES.objectNode().put("fr", value) : CustomField.textsJson(label));
                }
                if (type.equals("singleChoice")) {
                    field.put("type", "string").set("enum", values);
                } else {
                    field.put("type", "array").put("uniqueItems", true);
                    field.putObject("items").put("type", "string").set("enum", values);
                }
                field.set("x-enum-labels", labels);
            }
            default -> throw new IllegalStateException(type);
        }
        return field;
    }

    /**
     * "Show when field X equals V / is one of [V…]" as a JSON Schema over the whole record, the form
     * {@code x-visible-when} takes. For a multiple-choice field, "equals" means "includes".
     */
    private static JsonNode visibleWhen(ObjectNode definition, CustomField.VisibleWhen rule, String pointer,
                                        List<DefinitionProblem> errors) {
        String path = rule.field();
        Located target = locate(definition, path);
        if (target == null || path.contains("[")) {
            errors.add(new DefinitionProblem(pointer + "/field", "visibleWhen", "no field " + path));
            return null;
        }
        ObjectNode test = NODES.objectNode();
        boolean many = "array".equals(target.field().path("type").asText());
        if (rule.equalTo().isPresent()) {
            if (many) {
                test.putObject("contains").set("const", rule.equalTo().get().deepCopy());
            } else {
                test.set("const", rule.equalTo().get().deepCopy());
            }
        } else if (rule.oneOf().isPresent()) {
            ArrayNode values = NODES.arrayNode();
            rule.oneOf().get().forEach(value -> values.add(value.deepCopy()));
            if (many) {
                test.putObject("contains").set("enum", values);
            } else {
                test.set("enum", values);
            }
        } else {
            errors.add(new DefinitionProblem(pointer, "visibleWhen", "say \"equals\" or \"oneOf\""));
            return null;
        }
        String[] keys = path.split("\\.");
        JsonNode condition = test;
        for (int i = keys.length - 1; i >= 0; i--) {
            ObjectNode level = NODES.objectNode();
            level.putArray("required").add(keys[i]);
            level.putObject("properties").set(keys[i], condition);
            condition = level;
        }
        return condition;
    }
}
