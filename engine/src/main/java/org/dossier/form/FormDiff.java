package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * What changes between two form definitions, in plain words for the admin about to publish:
 * "Champ « Antenne » masqué", "Nouveau champ obligatoire « Numéro allocataire »".
 */
public final class FormDiff {
    private static final String BUNDLE = "i18n/designer";

    private FormDiff() {}

    /** One field as the admin sees it. */
    private record Field(String label, boolean hidden, boolean required) {}

    public static List<String> between(JsonNode before, JsonNode after, Locale locale) {
        Map<String, Field> old = fields(before, locale);
        Map<String, Field> now = fields(after, locale);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, Field> entry : now.entrySet()) {
            Field field = entry.getValue();
            Field previous = old.get(entry.getKey());
            if (previous == null) {
                if (!field.hidden()) {
                    changes.add(text(locale, field.required() ? "diff.addedRequired" : "diff.added", field.label()));
                }
                continue;
            }
            if (previous.hidden() != field.hidden()) {
                changes.add(text(locale, field.hidden() ? "diff.hidden" : "diff.shown", field.label()));
            }
            if (!field.hidden() && previous.required() != field.required()) {
                changes.add(text(locale, field.required() ? "diff.required" : "diff.optional", field.label()));
            }
            if (!previous.label().equals(field.label())) {
                changes.add(text(locale, "diff.relabelled", previous.label(), field.label()));
            }
        }
        for (Map.Entry<String, Field> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey()) && !entry.getValue().hidden()) {
                changes.add(text(locale, "diff.removed", entry.getValue().label()));
            }
        }
        return changes;
    }

    /** Every property of the form by dotted path, in document order. */
    private static Map<String, Field> fields(JsonNode definition, Locale locale) {
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(definition, "", false, locale, fields);
        return fields;
    }

    private static void collect(JsonNode schema, String prefix, boolean hiddenAbove, Locale locale, Map<String, Field> fields) {
        JsonNode properties = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(node -> required.add(node.asText()));
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode field = property.getValue();
            boolean hidden = hiddenAbove || field.path("x-hidden").asBoolean(false);
            fields.put(path, new Field(label(field, property.getKey(), locale), hidden, required.contains(property.getKey())));
            JsonNode inner = field.has("items") ? field.get("items") : field;
            if (inner.has("properties")) {
                collect(inner, path, hidden, locale, fields);
            }
        }
    }

    private static String label(JsonNode field, String key, Locale locale) {
        JsonNode labels = field.path("x-label");
        return labels.path(locale.getLanguage()).asText(labels.path("fr").asText(key));
    }

    private static String text(Locale locale, String key, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        return new MessageFormat(pattern, locale).format(args);
    }
}
