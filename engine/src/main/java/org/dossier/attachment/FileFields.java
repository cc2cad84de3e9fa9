package org.dossier.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.form.RequiredChoices;

/**
 * Finds the file fields of a form ({@code x-widget: file}) and the attachment ids a case file's
 * data names in them, at any depth: in sections, and in the rows of repeatable groups.
 */
public final class FileFields {
    /** The {@code x-widget} value of a file field. */
    public static final String WIDGET = "file";

    private FileFields() {}

    /** Whether a field schema is a file field. */
    public static boolean isFileField(JsonNode fieldSchema) {
        return WIDGET.equals(fieldSchema.path("x-widget").asText());
    }

    /** Whether the schema has a file field anywhere. */
    public static boolean any(JsonNode schema) {
        if (isFileField(schema)) {
            return true;
        }
        for (JsonNode property : iterable(schema.path("properties"))) {
            if (any(property)) {
                return true;
            }
        }
        return schema.path("items").isObject() && any(schema.path("items"));
    }

    /** Every attachment id the data names in a file field, with the pointer of that field ({@code /a/0/b}). */
    public static Map<String, String> idsIn(JsonNode schema, JsonNode data) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(schema, data, "", found);
        return found;
    }

    private static void collect(JsonNode schema, JsonNode data, String pointer, Map<String, String> found) {
        if (data == null || data.isMissingNode() || data.isNull()) {
            return;
        }
        if (isFileField(schema)) {
            if (data.isTextual()) {
                found.putIfAbsent(data.asText(), pointer);
            } else if (data.isArray()) {
                data.forEach(item -> {
                    if (item.isTextual()) {
                        found.putIfAbsent(item.asText(), pointer);
                    }
                });
            }
            return;
        }
        if (data.isObject()) {
            schema.path("properties").fields().forEachRemaining(property ->
                    collect(property.getValue(), data.path(property.getKey()), pointer + "/" + property.getKey(), found));
        } else if (data.isArray() && schema.path("items").isObject()) {
            for (int index = 0; index < data.size(); index++) {
                collect(schema.path("items"), data.get(index), pointer + "/" + index, found);
            }
        }
    }

    /** The schema of the field at a data pointer ({@code /a/0/b}: rows through {@code items}), if the form has one. */
    public static java.util.Optional<JsonNode> schemaAt(JsonNode schema, String pointer) {
        JsonNode node = schema;
        for (String segment : pointer.substring(1).split("/", -1)) {
            boolean row = segment.chars().allMatch(Character::isDigit) && !segment.isEmpty();
            node = row && node.path("items").isObject() ? node.path("items") : node.path("properties").path(segment);
            if (node.isMissingNode()) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(node);
    }

    /** Whether a pointer ({@code /a/0/b}) is at or under a schema location ({@code /a/*}). */
    public static boolean within(String location, String pointer) {
        String[] segments = pointer.split("/", -1);
        int depth = location.split("/", -1).length;
        return segments.length >= depth
                && RequiredChoices.matches(location, String.join("/", List.of(segments).subList(0, depth)));
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }
}
