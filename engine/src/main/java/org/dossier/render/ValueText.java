package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Turns stored values into the text an input shows back; never returns null. */
final class ValueText {
    private ValueText() {}

    /** Text as the input shows it: raw strings stay as typed, numbers without a trailing {@code .0}. */
    static String scalar(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        return value.toString();
    }

    /** The items of an array as texts; a lone scalar counts as one item. */
    static List<String> list(JsonNode value) {
        List<String> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> items.add(scalar(item)));
        } else if (value != null && !scalar(value).isEmpty()) {
            items.add(scalar(value));
        }
        return items;
    }

    /** A JSON array of strings, for {@code data-} attributes read by the script. */
    static String jsonArray(List<String> values) {
        var json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"');
            for (char c : values.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }
}
