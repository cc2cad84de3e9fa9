package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A column's value in one case file or row, as text for a cell. */
final class ExportValues {
    private ExportValues() {}

    /** The value at {@code pointer}: empty when absent, a list of plain values joined by ", ", anything else as JSON. */
    static String text(JsonNode data, String pointer) {
        return text(data.at(pointer));
    }

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && allPlain(value)) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(", ", items);
        }
        return value.toString();
    }

    private static boolean allPlain(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
