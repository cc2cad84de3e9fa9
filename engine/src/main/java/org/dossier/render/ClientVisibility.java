package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the browser script needs to show or hide a field live: the HTML name of the field that
 * controls it and the values that make it visible. Only simple {@code x-visible-when}
 * conditions have one; the server evaluates every condition anyway.
 *
 * @param controllerName HTML name of the controlling field, e.g. {@code accompagnement.statut}
 * @param values         the values, as posted, that make the field visible
 */
public record ClientVisibility(String controllerName, List<String> values) {
    public ClientVisibility {
        values = List.copyOf(values);
    }

    /**
     * Recognises a chain of {@code properties}/{@code required} from the root that ends in
     * {@code {"const": v}} or {@code {"enum": [...]}} on one field, every level requiring the next.
     */
    public static Optional<ClientVisibility> from(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return Optional.empty();
        }
        FieldPath path = FieldPath.ROOT;
        JsonNode level = condition;
        while (true) {
            if (level.has("const") && level.size() == 1) {
                return path == FieldPath.ROOT ? Optional.empty()
                        : Optional.of(new ClientVisibility(path.name(), List.of(posted(level.get("const")))));
            }
            if (level.has("enum") && level.size() == 1 && level.get("enum").isArray()) {
                List<String> values = new ArrayList<>();
                level.get("enum").forEach(value -> values.add(posted(value)));
                return path == FieldPath.ROOT ? Optional.empty() : Optional.of(new ClientVisibility(path.name(), values));
            }
            Optional<String> key = onlyRequiredProperty(level);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            path = path.child(key.get());
            level = level.get("properties").get(key.get());
        }
    }

    private static Optional<String> onlyRequiredProperty(JsonNode level) {
        JsonNode properties = level.path("properties");
        JsonNode required = level.path("required");
        boolean onlyThose = level.size() == 2 || (level.size() == 3 && level.has("type"));
        if (!onlyThose || properties.size() != 1 || required.size() != 1) {
            return Optional.empty();
        }
        String key = properties.fieldNames().next();
        return key.equals(required.get(0).asText()) && properties.get(key).isObject() ? Optional.of(key) : Optional.empty();
    }

    private static String posted(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
