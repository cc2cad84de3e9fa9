package org.dossier.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * How a changed field and its values read for a person: the labels of the form ({@code x-label})
 * in the page's language rather than keys, a row of a repeatable group by its number, a choice by
 * its label ({@code x-enum-labels}). A pointer the form no longer knows (a field of an older
 * version) reads as its key.
 */
public final class FieldLabels {
    private final JsonNode effectiveSchema;
    private final Locale locale;

    public FieldLabels(JsonNode effectiveSchema, Locale locale) {
        this.effectiveSchema = effectiveSchema;
        this.locale = locale;
    }

    /**
     * The labels from the root to the field, a row as {@code row} names it: for example
     * {@code [Composition du foyer, Ligne 2, Prénom]}.
     */
    public List<String> path(String pointer, IntFunction<String> row) {
        List<String> labels = new ArrayList<>();
        JsonNode schema = effectiveSchema;
        for (String step : steps(pointer)) {
            if (step.chars().allMatch(Character::isDigit) && schema.has("items")) {
                labels.add(row.apply(Integer.parseInt(step) + 1));
                schema = schema.path("items");
            } else {
                schema = schema.path("properties").path(step);
                labels.add(label(schema, step));
            }
        }
        return List.copyOf(labels);
    }

    /** The label of the section a pointer lies in (its first step). */
    public String section(String pointer) {
        List<String> steps = steps(pointer);
        return steps.isEmpty() ? "" : label(effectiveSchema.path("properties").path(steps.get(0)), steps.get(0));
    }

    /**
     * A value as the person reads it: a choice by its label, a list of choices joined, yes or no,
     * a date through {@code date}.
     */
    public String value(String pointer, JsonNode value, String yes, String no, UnaryOperator<String> date) {
        JsonNode schema = schemaAt(pointer);
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            // A list of choices names its labels on the list (x-enum-labels beside items) or on its items.
            JsonNode itemSchema = schema.has("x-enum-labels") ? schema : schema.path("items");
            for (JsonNode item : value) {
                items.add(scalar(itemSchema, item, yes, no, date));
            }
            return String.join(", ", items);
        }
        return scalar(schema, value, yes, no, date);
    }

    private String scalar(JsonNode schema, JsonNode value, String yes, String no, UnaryOperator<String> date) {
        if (value.isBoolean()) {
            return value.asBoolean() ? yes : no;
        }
        if (value.isTextual()) {
            JsonNode choice = schema.path("x-enum-labels").path(value.asText());
            if (choice.isObject()) {
                return choice.path(locale.getLanguage()).asText(choice.path("fr").asText(value.asText()));
            }
            if ("date".equals(schema.path("format").asText())) {
                return date.apply(value.asText());
            }
            return value.asText();
        }
        if (value.isNumber()) {
            return value.numberValue() instanceof java.math.BigDecimal decimal
                    ? decimal.stripTrailingZeros().toPlainString() : value.asText();
        }
        return value.toString();
    }

    private JsonNode schemaAt(String pointer) {
        JsonNode schema = effectiveSchema;
        for (String step : steps(pointer)) {
            schema = step.chars().allMatch(Character::isDigit) && schema.has("items")
                    ? schema.path("items") : schema.path("properties").path(step);
        }
        return schema;
    }

    private String label(JsonNode schema, String key) {
        JsonNode label = schema.path("x-label");
        return label.path(locale.getLanguage()).asText(label.path("fr").asText(key));
    }

    private static List<String> steps(String pointer) {
        List<String> steps = new ArrayList<>();
        for (String step : pointer.substring(Math.min(1, pointer.length())).split("/", -1)) {
            if (!step.isEmpty()) {
                steps.add(step.replace("~1", "/").replace("~0", "~"));
            }
        }
        return steps;
    }
}
