package org.dossier.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * JSON lines: one object per line, read one line at a time (Jackson). A line of the export's own
 * shape ({@code {"id", "form_version", …, "data": {…}}}) gives the data's fields and its {@code id};
 * any other object gives its own fields. Sections are flattened to keys ({@code identite/nom}); a
 * list (of values, or a repeatable group's rows) is one column holding its JSON, as the CSV export
 * writes it. The headings are the keys the file's lines hold, gathered by a first pass.
 */
final class JsonLinesImportSource implements ImportSource {
    /** Columns beyond this many are not gathered: no form has as many fields. */
    private static final int MAX_COLUMNS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> columns;

    JsonLinesImportSource(Path file) throws IOException {
        this.file = file;
        Set<String> keys = new LinkedHashSet<>();
        forEach(row -> {
            if (keys.size() < MAX_COLUMNS) {
                keys.addAll(row.cells().keySet());
            }
        });
        this.columns = List.copyOf(keys);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void forEach(Consumer<SourceRow> each) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
                if (text.isBlank()) {
                    continue;
                }
                each.accept(row(number, text));
            }
        } catch (IOException e) {
            throw new MalformedImportFileException(e.getMessage());
        }
    }

    private static SourceRow row(int number, String line) {
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new SourceRow(number, Map.of(), true);
        }
        if (object == null || !object.isObject()) {
            return new SourceRow(number, Map.of(), true);
        }
        Map<String, String> cells = new LinkedHashMap<>();
        if (object.path("data").isObject()) {
            if (object.path("id").isValueNode()) {
                cells.put("id", object.path("id").asText());
            }
            flatten(object.path("data"), "", cells);
        } else {
            flatten(object, "", cells);
        }
        return new SourceRow(number, cells);
    }

    private static void flatten(JsonNode object, String prefix, Map<String, String> cells) {
        object.properties().forEach(property -> {
            String key = prefix.isEmpty() ? property.getKey() : prefix + "/" + property.getKey();
            JsonNode value = property.getValue();
            if (value.isObject()) {
                flatten(value, key, cells);
            } else if (value.isArray()) {
                cells.put(key, value.toString());
            } else if (!value.isNull()) {
                cells.put(key, value.asText());
            }
        });
    }
}
