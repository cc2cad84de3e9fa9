package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields a record must now fill because a later version of its form requires them: required
 * in the latest effective schema, not required in the version the record was last saved with,
 * and empty in the record. Rows of repeatable groups are not looked into.
 */
public final class NewlyRequired {
    private NewlyRequired() {}

    /** @return the labels of those fields, in form order, in the given language */
    public static List<String> labels(CompiledForm saved, CompiledForm latest, JsonNode data, Locale locale) {
        Map<String, String> before = required(saved.effectiveSchema(), locale);
        List<String> labels = new ArrayList<>();
        required(latest.effectiveSchema(), locale).forEach((pointer, label) -> {
            if (!before.containsKey(pointer) && data.at(pointer).isMissingNode()) {
                labels.add(label);
            }
        });
        return labels;
    }

    private static Map<String, String> required(JsonNode schema, Locale locale) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(schema, "", locale, found);
        return found;
    }

    private static void collect(JsonNode schema, String pointer, Locale locale, Map<String, String> found) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            JsonNode field = properties.path(name.asText());
            if (!field.isMissingNode()) {
                JsonNode label = field.path("x-label");
                found.put(pointer + "/" + name.asText(), label.path(locale.getLanguage()).asText(label.path("fr").asText(name.asText())));
            }
        }
        properties.properties().forEach(property -> {
            if (property.getValue().path("properties").isObject()) {
                collect(property.getValue(), pointer + "/" + property.getKey(), locale, found);
            }
        });
    }
}
