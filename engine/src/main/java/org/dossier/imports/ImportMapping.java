package org.dossier.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which field each column of a file fills: a field's key, or nothing (the column is ignored).
 * Saved per service and form, so that the next file of the same shape maps the same way.
 *
 * @param columns the column heading → the field's key; a column mapped to "" or absent is ignored
 */
public record ImportMapping(Map<String, String> columns) {
    public static final String IGNORED = "";

    public ImportMapping {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Optional<String> target(String column) {
        String key = columns.get(column);
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /**
     * The mapping of a file's columns: what a saved mapping says for a heading it knows (when the
     * field still exists), otherwise the field the heading names by key or label, otherwise ignored.
     */
    public static ImportMapping suggest(List<String> headings, ImportFields fields, Optional<ImportMapping> saved) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String heading : headings) {
            Optional<String> remembered = saved.flatMap(mapping -> Optional.ofNullable(mapping.columns().get(heading)))
                    .filter(key -> key.isEmpty() || fields.find(key).isPresent());
            columns.put(heading, remembered.orElseGet(() -> fields.matching(heading).map(ImportFields.Field::key)
                    .orElse(IGNORED)));
        }
        return new ImportMapping(columns);
    }
}
