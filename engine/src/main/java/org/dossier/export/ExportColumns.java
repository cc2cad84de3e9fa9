package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.render.LocalizedText;

/**
 * The columns of an export: one per field of the case file (sections flattened, a list of plain
 * values in one column) and, for each repeatable group, its own table of columns, its rows linked
 * to the case file by id. Built from every form version the exported files were saved under, the
 * latest first: its fields in its order, then those only older versions have (a field removed
 * from the form still exports where files hold it), so no value is dropped.
 *
 * @param fields the case file's columns
 * @param groups the repeatable groups, each with its own columns (relative to a row)
 */
public record ExportColumns(List<Column> fields, List<Group> groups) {
    /**
     * A column: a JSON pointer into the case file (or a row) and its heading.
     *
     * @param key   the pointer without its leading slash ({@code identite/nom}): stable, machine-readable
     * @param label the field's label in the reader's language, the key when the form gives none
     */
    public record Column(String key, String label) {
        public String pointer() {
            return "/" + key;
        }
    }

    /** A repeatable group: its pointer in the case file, its label, and the columns of one row. */
    public record Group(String key, String label, List<Column> columns) {
        public String pointer() {
            return "/" + key;
        }
    }

    /** @param schemas the effective schemas of the versions, the latest first */
    public static ExportColumns of(List<JsonNode> schemas, Locale locale) {
        Map<String, Column> fields = new LinkedHashMap<>();
        Map<String, String> groupLabels = new LinkedHashMap<>();
        Map<String, Map<String, Column>> groupColumns = new LinkedHashMap<>();
        for (JsonNode schema : schemas) {
            collect(schema, "", locale, fields, groupLabels, groupColumns, false);
        }
        List<Group> groups = new ArrayList<>();
        groupLabels.forEach((key, label) -> groups.add(
                new Group(key, label, List.copyOf(groupColumns.get(key).values()))));
        return new ExportColumns(List.copyOf(fields.values()), List.copyOf(groups));
    }

    private static void collect(JsonNode schema, String prefix, Locale locale, Map<String, Column> fields,
                                Map<String, String> groupLabels, Map<String, Map<String, Column>> groupColumns,
                                boolean inRow) {
        List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(schema.path("properties").properties());
        // The form's own order, as the pages show it: x-order, then the order written.
        properties.sort(java.util.Comparator.comparingInt(
                property -> property.getValue().path("x-order").asInt(Integer.MAX_VALUE)));
        for (Map.Entry<String, JsonNode> property : properties) {
            String key = prefix.isEmpty() ? property.getKey() : prefix + "/" + property.getKey();
            JsonNode node = property.getValue();
            String label = label(node, property.getKey(), locale);
            if (node.path("properties").isObject()) {
                collect(node, key, locale, fields, groupLabels, groupColumns, inRow);
            } else if (!inRow && node.path("items").path("properties").isObject()) {
                groupLabels.putIfAbsent(key, label);
                Map<String, Column> rowColumns = groupColumns.computeIfAbsent(key, k -> new LinkedHashMap<>());
                collect(node.path("items"), "", locale, rowColumns, groupLabels, groupColumns, true);
            } else {
                // A plain field, a list of plain values, or a group within a row's group (one column, as JSON).
                fields.putIfAbsent(key, new Column(key, label));
            }
        }
    }

    private static String label(JsonNode node, String key, Locale locale) {
        String label = LocalizedText.of(node.get("x-label")).in(locale);
        if (label.isEmpty() && node.path("title").isTextual()) {
            label = node.path("title").asText();
        }
        return label.isEmpty() ? key : label;
    }
}
