package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The data locations a condition (a JSON Schema used as a test) reads: every property it
 * constrains, every name it requires, every row of a list it tests, through its combinators.
 * Paths are lists of keys from the data the condition applies to, {@link #ROWS} standing for rows.
 */
final class ConditionReads {
    static final String ROWS = "*";
    private static final List<String> SINGLE_SUBSCHEMAS = List.of("if", "then", "else", "not", "contains");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

    private ConditionReads() {}

    static List<List<String>> of(JsonNode condition, List<String> base) {
        Set<List<String>> reads = new LinkedHashSet<>();
        collect(condition, base, reads);
        return List.copyOf(reads);
    }

    private static void collect(JsonNode condition, List<String> path, Set<List<String>> reads) {
        if (!condition.isObject()) {
            return;
        }
        condition.path("properties").properties().forEach(property -> {
            List<String> child = child(path, property.getKey());
            reads.add(child);
            collect(property.getValue(), child, reads);
        });
        condition.path("required").forEach(name -> reads.add(child(path, name.asText())));
        condition.path("dependencies").fieldNames().forEachRemaining(name -> reads.add(child(path, name)));
        JsonNode items = condition.path("items");
        if (items.isObject()) {
            collect(items, child(path, ROWS), reads);
        }
        items.forEach(item -> collect(item, child(path, ROWS), reads));
        for (String keyword : SINGLE_SUBSCHEMAS) {
            collect(condition.path(keyword), keyword.equals("contains") ? child(path, ROWS) : path, reads);
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            condition.path(keyword).forEach(subschema -> collect(subschema, path, reads));
        }
    }

    /** Whether a data location of the form {@code root} defines is, or lies under, an {@code x-confidential} property. */
    static boolean isConfidential(JsonNode root, List<String> location) {
        JsonNode node = root;
        for (String step : location) {
            node = ROWS.equals(step) ? node.path("items") : node.path("properties").path(step);
            if (!node.isObject()) {
                return false;
            }
            if (node.path("x-confidential").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    static List<String> child(List<String> path, String key) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        return List.copyOf(child);
    }
}
