package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a stored case file differs from the data an import meant to write: every value the source
 * row gave (sections walked, a group's rows walked by index, a list of values compared whole),
 * numbers by value ({@code 512.50} equals {@code 512.5}). What the stored file holds beyond it
 * (a field the row left blank, an updated file's other values) is not a difference.
 */
final class DataComparison {
    private DataComparison() {}

    /** The pointers of the values the stored data does not hold as expected, in order. */
    static List<String> differences(JsonNode expected, JsonNode stored) {
        List<String> differences = new ArrayList<>();
        walk(expected, stored, "", differences);
        return differences;
    }

    private static void walk(JsonNode expected, JsonNode stored, String pointer, List<String> differences) {
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                walk(field.getValue(), stored.path(field.getKey()), pointer + "/" + field.getKey(), differences);
            }
        } else if (expected.isArray() && !expected.isEmpty() && expected.get(0).isObject()) {
            for (int index = 0; index < expected.size(); index++) {
                walk(expected.get(index), stored.path(index), pointer + "/" + index, differences);
            }
        } else if (!same(expected, stored)) {
            differences.add(pointer);
        }
    }

    private static boolean same(JsonNode expected, JsonNode stored) {
        if (expected.isNumber() && stored.isNumber()) {
            return expected.decimalValue().compareTo(stored.decimalValue()) == 0;
        }
        if (expected.isArray() && stored.isArray() && expected.size() == stored.size()) {
            for (int index = 0; index < expected.size(); index++) {
                if (!same(expected.get(index), stored.get(index))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(stored);
    }
}
