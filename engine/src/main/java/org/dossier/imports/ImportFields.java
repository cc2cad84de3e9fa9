package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.export.ExportColumns;

/**
 * What a column of an import can fill: the fields of the form's latest version as the export
 * names them (a section's field by its key {@code identite/nom}, a repeatable group as one column
 * holding its rows), each with its label in the reader's language.
 */
public final class ImportFields {
    /** How a column's text becomes values: one value, a list of values, or a group's rows as JSON. */
    public enum Kind { VALUE, VALUES, GROUP }

    /** A field a column can map to. */
    public record Field(String key, String label, Kind kind) {}

    private final Map<String, Field> fields;

    private ImportFields(Map<String, Field> fields) {
        this.fields = fields;
    }

    public static ImportFields of(JsonNode effectiveSchema, Locale locale) {
        ExportColumns columns = ExportColumns.of(List.of(effectiveSchema), locale);
        Map<String, Field> fields = new LinkedHashMap<>();
        for (ExportColumns.Column column : columns.fields()) {
            JsonNode schema = schemaAt(effectiveSchema, column.key());
            Kind kind = "array".equals(schema.path("type").asText()) ? Kind.VALUES : Kind.VALUE;
            fields.put(column.key(), new Field(column.key(), column.label(), kind));
        }
        for (ExportColumns.Group group : columns.groups()) {
            fields.put(group.key(), new Field(group.key(), group.label(), Kind.GROUP));
        }
        return new ImportFields(fields);
    }

    /** The schema of the field at a key ({@code identite/nom}). */
    static JsonNode schemaAt(JsonNode schema, String key) {
        JsonNode node = schema;
        for (String part : key.split("/")) {
            node = node.path("properties").path(part);
        }
        return node;
    }

    public List<Field> all() {
        return List.copyOf(fields.values());
    }

    public Optional<Field> find(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * The field a column heading names: its key (with {@code /} or {@code .} between a section and
     * its field), or its label, compared without case or accents.
     */
    public Optional<Field> matching(String heading) {
        String wanted = heading.strip();
        Field byKey = fields.get(wanted.replace('.', '/'));
        if (byKey != null) {
            return Optional.of(byKey);
        }
        String normalised = normalised(wanted);
        List<Field> byLabel = new ArrayList<>();
        for (Field field : fields.values()) {
            if (normalised(field.label()).equals(normalised)) {
                byLabel.add(field);
            }
        }
        // Two fields with one label (a "Nom" in two sections): the heading does not say which.
        return byLabel.size() == 1 ? Optional.of(byLabel.get(0)) : Optional.empty();
    }

    private static String normalised(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }
}
