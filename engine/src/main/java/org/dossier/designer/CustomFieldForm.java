package org.dossier.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.dossier.form.CustomField;

/**
 * The designer's custom field form (add and edit), one text per input: options one per line as
 * {@code value|label}, condition values separated by commas. Turns a post into a {@link CustomField}
 * and a stored field back into the form's texts, so a refused post is shown again as typed.
 */
public final class CustomFieldForm {
    /** Every input of the form. */
    public static final List<String> INPUTS = List.of("key", "type", "section", "labelFr", "labelEn", "hintFr",
            "options", "whenField", "whenValues", "purpose", "legalBasis", "required", "confidential");
    /** The legal bases offered for the register of processing, the most common first. */
    public static final List<String> LEGAL_BASES = List.of("public-task", "legal-obligation", "consent", "contract",
            "vital-interests", "legitimate-interests");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomFieldForm() {}

    /** One choice of a select: the value posted and the text shown. */
    public record Choice(String value, String label) {}

    /** The sections a custom field can be shown in, named in the language asked when they have a name in it. */
    public static List<Choice> sections(List<DesignerModel.Node> tree, String language) {
        return tree.stream().filter(DesignerModel.Node::nested)
                .map(node -> new Choice(node.key(), node.labelIn(language))).toList();
    }

    /**
     * Fields a visible-when condition may test: single and multiple choices, and yes/no questions,
     * never a confidential one (what it shows would give the value away; the form rules refuse it).
     */
    public static List<Choice> conditionFields(List<DesignerModel.Node> sections, String language) {
        List<Choice> choices = new ArrayList<>();
        for (DesignerModel.Node section : sections) {
            for (DesignerModel.Node field : section.children()) {
                if (!field.nested() && !field.path().contains("[") && !field.confidential()) {
                    choices.add(new Choice(field.path(), section.labelIn(language) + " › " + field.labelIn(language)));
                }
            }
        }
        return choices;
    }

    /** The first value of each posted input, in a map the caller may still change. */
    public static Map<String, String> entered(Map<String, List<String>> posted) {
        Map<String, String> entered = new LinkedHashMap<>();
        posted.forEach((name, values) -> entered.put(name, values.isEmpty() ? "" : values.get(0)));
        return entered;
    }

    /** The edit form as posted, with the key and type it cannot change as stored. */
    public static Map<String, String> edited(Map<String, List<String>> posted, CustomField existing) {
        Map<String, String> entered = entered(posted);
        entered.put("key", existing.key());
        entered.put("type", existing.type());
        return entered;
    }

    /** What each input shows: the text entered, or nothing. */
    public static Map<String, String> shown(Map<String, String> entered) {
        Map<String, String> values = new LinkedHashMap<>();
        INPUTS.forEach(name -> values.put(name, entered.getOrDefault(name, "")));
        return values;
    }

    /** The field the form describes, placed after the base's fields; the compiler says what is wrong with it. */
    public static CustomField parse(Map<String, String> entered) {
        String section = entered.getOrDefault("section", "");
        Map<String, String> label = new LinkedHashMap<>();
        label.put("fr", entered.getOrDefault("labelFr", "").strip());
        if (!entered.getOrDefault("labelEn", "").isBlank()) {
            label.put("en", entered.get("labelEn").strip());
        }
        Map<String, String> hint = entered.getOrDefault("hintFr", "").isBlank() ? Map.of()
                : Map.of("fr", entered.get("hintFr").strip());
        return new CustomField(entered.getOrDefault("key", "").strip(), entered.getOrDefault("type", ""),
                section.isEmpty() ? Optional.empty() : Optional.of(section), label, hint,
                Optional.of("on".equals(entered.get("required"))), Optional.of("on".equals(entered.get("confidential"))),
                OptionalInt.of(CustomField.DEFAULT_ORDER), Optional.empty(), options(entered.getOrDefault("options", "")),
                visibleWhen(entered), gdpr(entered));
    }

    /** The form's texts for a stored field. */
    public static Map<String, String> entered(CustomField field) {
        Map<String, String> entered = new LinkedHashMap<>();
        entered.put("key", field.key());
        entered.put("type", field.type());
        entered.put("section", field.section().orElse(""));
        entered.put("labelFr", field.label().getOrDefault("fr", ""));
        entered.put("labelEn", field.label().getOrDefault("en", ""));
        entered.put("hintFr", field.hint().getOrDefault("fr", ""));
        entered.put("required", field.isRequired() ? "on" : "");
        entered.put("confidential", field.isConfidential() ? "on" : "");
        entered.put("options", String.join("\n", field.options().stream()
                .map(option -> option.value() + "|" + option.label().getOrDefault("fr", option.value())).toList()));
        entered.put("whenField", field.visibleWhen().map(CustomField.VisibleWhen::field).orElse(""));
        entered.put("whenValues", String.join(", ", field.visibleWhen().map(CustomField.VisibleWhen::values)
                .orElse(List.of()).stream().map(JsonNode::asText).toList()));
        entered.put("purpose", field.gdpr().flatMap(CustomField.Gdpr::purpose).orElse(""));
        entered.put("legalBasis", field.gdpr().flatMap(CustomField.Gdpr::legalBasis).orElse(""));
        return entered;
    }

    private static List<CustomField.Option> options(String lines) {
        List<CustomField.Option> options = new ArrayList<>();
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            String value = parts[0].strip();
            options.add(new CustomField.Option(value, Map.of("fr", parts.length > 1 ? parts[1].strip() : value)));
        }
        return options;
    }

    private static Optional<CustomField.VisibleWhen> visibleWhen(Map<String, String> entered) {
        if (entered.getOrDefault("whenField", "").isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> values = new ArrayList<>();
        for (String value : entered.getOrDefault("whenValues", "").split(",")) {
            if (!value.isBlank()) {
                values.add(literal(value.strip()));
            }
        }
        return Optional.of(new CustomField.VisibleWhen(entered.get("whenField"), Optional.empty(), Optional.of(values)));
    }

    private static Optional<CustomField.Gdpr> gdpr(Map<String, String> entered) {
        if (entered.getOrDefault("purpose", "").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new CustomField.Gdpr(Optional.of(entered.get("purpose").strip()),
                Optional.of(entered.getOrDefault("legalBasis", "public-task")), Optional.empty(), Optional.empty()));
    }

    /**
     * A condition value as typed: true/false for yes/no questions, numbers as numbers, text
     * otherwise. Only as many digits as a stored number may have are read as one: parsing a number
     * costs more than its length, and a post of a million digits must not hold a request thread.
     */
    static JsonNode literal(String text) {
        if (text.equals("true") || text.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("-?\\d{1,15}(\\.\\d{1,15})?")) {
            return NODES.numberNode(new BigDecimal(text));
        }
        return NODES.textNode(text);
    }
}
