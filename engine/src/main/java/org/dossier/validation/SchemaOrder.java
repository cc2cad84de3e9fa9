package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Orders pointers as the form shows their fields: siblings by {@code x-order} (fields without one
 * after those with one), ties and the rest in declaration order, rows by index, a section before
 * its fields. Keys the schema does not know come after the known ones.
 */
final class SchemaOrder implements Comparator<String> {
    private static final int UNKNOWN = Integer.MAX_VALUE;
    private final JsonNode schema;

    SchemaOrder(JsonNode effectiveSchema) {
        this.schema = effectiveSchema;
    }

    @Override
    public int compare(String left, String right) {
        List<Integer> leftRanks = ranks(left);
        List<Integer> rightRanks = ranks(right);
        for (int i = 0; i < Math.min(leftRanks.size(), rightRanks.size()); i++) {
            int compared = Integer.compare(leftRanks.get(i), rightRanks.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(leftRanks.size(), rightRanks.size());
    }

    private List<Integer> ranks(String pointer) {
        List<Integer> ranks = new ArrayList<>();
        JsonNode current = schema;
        for (String segment : JsonPointers.segments(pointer)) {
            if (current.has("items") && JsonPointers.isIndex(segment)) {
                ranks.add(segment.length() > 9 ? UNKNOWN : Integer.parseInt(segment));
                current = current.path("items");
            } else {
                ranks.add(rankAmongSiblings(current.path("properties"), segment));
                current = current.path("properties").path(segment);
            }
        }
        return ranks;
    }

    /** Position of {@code key} once its siblings are sorted by x-order, then declaration order. */
    private static int rankAmongSiblings(JsonNode properties, String key) {
        if (!properties.has(key)) {
            return UNKNOWN;
        }
        List<String> keys = new ArrayList<>();
        Iterator<String> names = properties.fieldNames();
        names.forEachRemaining(keys::add);
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt((String name) -> xOrder(properties.path(name))));
        return sorted.indexOf(key);
    }

    private static int xOrder(JsonNode property) {
        JsonNode order = property.path("x-order");
        return order.canConvertToInt() ? order.asInt() : UNKNOWN;
    }
}
