package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields a publication makes required: required in the effective schema about to be
 * published and not in the one published now (a new required field, a field turned required, a
 * required field shown again or whose module is switched back on). Read from effective schemas,
 * so fields the form hides ({@code x-hidden}, a switched-off module) are never among them.
 *
 * <p>What each field says about how its absence can be counted in SQL: {@code conditional} for a
 * field required only while an {@code x-visible-when} condition shows it (a count cannot evaluate
 * the condition, so it is an upper bound); {@code optionalSection}, the pointer of the deepest
 * section above it that is not itself required (a case file without that section does not lack
 * the field: nothing inside an absent optional section is required); a pointer with {@code *} for
 * a field in the rows of a repeatable group (first level only: rows inside rows are not looked into).
 */
public final class NewlyRequired {
    private NewlyRequired() {}

    /** A field the publication makes required. */
    public record Field(String pointer, String label, boolean conditional, String optionalSection) {
        public boolean inRows() {
            return pointer.contains("/*/");
        }
    }

    /** In the order the new form lists them. */
    public static List<Field> between(JsonNode publishedEffective, JsonNode draftEffective, Locale locale) {
        Set<String> before = required(publishedEffective, locale).keySet();
        List<Field> fields = new ArrayList<>();
        required(draftEffective, locale).forEach((pointer, field) -> {
            if (!before.contains(pointer)) {
                fields.add(field);
            }
        });
        return fields;
    }

    /** Every field an effective schema requires, by pointer, in form order. */
    static Map<String, Field> required(JsonNode effective, Locale locale) {
        Map<String, Field> found = new LinkedHashMap<>();
        collect(effective, "", "", false, conditionallyRequired(effective), locale, found);
        return found;
    }

    private static void collect(JsonNode schema, String pointer, String optionalSection, boolean inRows,
                                Set<String> conditional, Locale locale, Map<String, Field> found) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        schema.path("properties").properties().forEach(property -> {
            String key = property.getKey();
            JsonNode field = property.getValue();
            String path = pointer + "/" + key;
            boolean isConditional = conditional.contains(path);
            if (required.contains(key) || isConditional) {
                found.put(path, new Field(path, label(field, key, locale), isConditional,
                        isConditional ? "" : optionalSection));
            }
            if (field.path("properties").isObject()) {
                String optional = required.contains(key) ? optionalSection : path;
                collect(field, path, optional, inRows, conditional, locale, found);
            } else if (!inRows && field.path("items").path("properties").isObject()) {
                collect(field.path("items"), path + "/*", "", true, conditional, locale, found);
            }
        });
    }

    /**
     * The fields the root's {@code allOf} requires under an {@code if}: where the effective schema
     * puts a required field with {@code x-visible-when}, each {@code then} a chain
     * {@code {"properties": {"a": {"required": ["b"]}}, "required": ["a"]}} down to the field.
     */
    private static Set<String> conditionallyRequired(JsonNode effective) {
        Set<String> pointers = new HashSet<>();
        for (JsonNode rule : effective.path("allOf")) {
            if (rule.has("if")) {
                thenRequired(rule.path("then"), "", pointers);
            }
        }
        return pointers;
    }

    private static void thenRequired(JsonNode then, String pointer, Set<String> pointers) {
        JsonNode properties = then.path("properties");
        for (JsonNode name : then.path("required")) {
            JsonNode inner = properties.path(name.asText());
            if (inner.isObject() && inner.has("required")) {
                thenRequired(inner, pointer + "/" + name.asText(), pointers);
            } else {
                pointers.add(pointer + "/" + name.asText());
            }
        }
    }

    private static String label(JsonNode field, String key, Locale locale) {
        JsonNode label = field.path("x-label");
        return label.path(locale.getLanguage()).asText(label.path("fr").asText(key));
    }
}
