package org.dossier.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.form.CompiledForm;
import org.dossier.form.RequiredChoices;
import org.dossier.validation.FieldError;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;

/**
 * Turns a row of a file into what a form post of the same values would be, then coerces it with
 * the form post's own coercer: a column of a section's field posts {@code identite.nom}, a list of
 * values posts each value (a JSON array, or values separated by commas as the CSV export joins
 * them), a group's column (its rows as JSON, as the exports write it) posts
 * {@code membres_foyer[0].prenom}… So a value is typed, trimmed and refused exactly as the form
 * would type, trim and refuse it.
 */
final class RowConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row made into case-file data, with the problems found on the way (not yet the validator's). */
    record Converted(ObjectNode data, List<ImportProblem> problems, Optional<String> externalId) {}

    private final CompiledForm form;
    private final ImportFields fields;
    private final ImportMapping mapping;
    private final Optional<String> externalIdColumn;
    private final FormPostCoercer coercer;
    private final Messages messages;
    private final Locale locale;

    RowConverter(CompiledForm form, ImportFields fields, ImportMapping mapping, Optional<String> externalIdColumn,
                 FormPostCoercer coercer, Messages messages, Locale locale) {
        this.form = form;
        this.fields = fields;
        this.mapping = mapping;
        this.externalIdColumn = externalIdColumn;
        this.coercer = coercer;
        this.messages = messages;
        this.locale = locale;
    }

    Converted convert(SourceRow row) {
        List<ImportProblem> problems = new ArrayList<>();
        if (row.malformed()) {
            problems.add(new ImportProblem(row.number(), "", "", messages.general("importMalformedRow", locale)));
            return new Converted(JSON.createObjectNode(), problems, Optional.empty());
        }
        Optional<String> externalId = Optional.empty();
        if (externalIdColumn.isPresent()) {
            String value = row.cell(externalIdColumn.get()).strip();
            if (value.isEmpty()) {
                problems.add(new ImportProblem(row.number(), externalIdColumn.get(), "",
                        messages.general("importExternalIdMissing", locale)));
            } else if (value.length() > 255) {
                problems.add(new ImportProblem(row.number(), externalIdColumn.get(), ImportProblem.shown(value),
                        messages.general("importExternalIdTooLong", locale)));
            } else {
                externalId = Optional.of(value);
            }
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : row.cells().entrySet()) {
            Optional<ImportFields.Field> field = mapping.target(cell.getKey()).flatMap(fields::find);
            if (field.isEmpty() || cell.getValue().isBlank()) {
                continue;
            }
            String name = field.get().key().replace('/', '.');
            switch (field.get().kind()) {
                case VALUE -> params.computeIfAbsent(name, k -> new ArrayList<>()).add(cell.getValue());
                case VALUES -> params.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values(cell.getValue()));
                case GROUP -> {
                    if (!rows(name, cell.getValue(), params)) {
                        problems.add(new ImportProblem(row.number(), field.get().key(), masked("/" + field.get().key(),
                                cell.getValue()), messages.general("importMalformedGroup", locale)));
                    }
                }
            }
        }
        var coerced = coercer.coerce(form.effectiveSchema(), params, locale);
        for (FieldError error : coerced.errors()) {
            problems.add(problem(row, coerced.data(), error));
        }
        return new Converted(coerced.data(), problems, externalId);
    }

    /** A validation error of this row as a line of the report. */
    ImportProblem problem(SourceRow row, JsonNode data, FieldError error) {
        // The value as the file held it (a date the form would have read from 31/02/1990 shows so).
        JsonNode value = data.at(error.path());
        String text = mapping.columns().entrySet().stream()
                .filter(column -> !column.getValue().isEmpty() && error.path().equals("/" + column.getValue()))
                .map(column -> row.cell(column.getKey())).findFirst()
                .orElseGet(() -> value.isValueNode() ? value.asText() : sourceText(row, error.path()));
        return new ImportProblem(row.number(), error.path().isEmpty() ? "" : error.path().substring(1),
                masked(error.path(), text), error.message());
    }

    /** The cell of the column mapped to the field at (or above) a pointer, when the data holds no plain value there. */
    private String sourceText(SourceRow row, String pointer) {
        for (Map.Entry<String, String> column : mapping.columns().entrySet()) {
            if (!column.getValue().isEmpty() && (pointer.equals("/" + column.getValue())
                    || pointer.startsWith("/" + column.getValue() + "/"))) {
                return row.cell(column.getKey());
            }
        }
        return "";
    }

    /** Never a confidential value in a report: the report is a page and a file others may see. */
    String masked(String pointer, String value) {
        String[] segments = pointer.split("/", -1);
        for (String location : form.confidential().pointers()) {
            int depth = location.split("/", -1).length;
            if (segments.length >= depth && RequiredChoices.matches(location,
                    String.join("/", List.of(segments).subList(0, depth)))) {
                return ImportProblem.MASKED;
            }
        }
        return ImportProblem.shown(value);
    }

    /** A list of values: a JSON array, or values separated by commas (how the CSV export joins them). */
    private static List<String> values(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(trimmed);
                if (array.isArray()) {
                    List<String> values = new ArrayList<>();
                    array.forEach(item -> values.add(item.isValueNode() ? item.asText() : item.toString()));
                    return values;
                }
            } catch (JsonProcessingException notJson) {
                // read as separated values below
            }
        }
        List<String> values = new ArrayList<>();
        for (String part : trimmed.split("[,;]")) {
            values.add(part.strip());
        }
        return values;
    }

    /** A group's rows, as JSON: each row's fields posted under {@code name[i]}. False when it is not a list of objects. */
    private static boolean rows(String name, String text, Map<String, List<String>> params) {
        JsonNode rows;
        try {
            rows = JSON.readTree(text.strip());
        } catch (JsonProcessingException e) {
            return false;
        }
        if (rows == null || !rows.isArray()) {
            return false;
        }
        for (int index = 0; index < rows.size(); index++) {
            if (!rows.get(index).isObject()) {
                return false;
            }
            post(name + "[" + index + "]", rows.get(index), params);
        }
        return true;
    }

    private static void post(String prefix, JsonNode object, Map<String, List<String>> params) {
        object.properties().forEach(property -> {
            String name = prefix + "." + property.getKey();
            JsonNode value = property.getValue();
            if (value.isObject()) {
                post(name, value, params);
            } else if (value.isArray()) {
                value.forEach(item -> params.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(item.isValueNode() ? item.asText() : item.toString()));
            } else if (!value.isNull()) {
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value.asText());
            }
        });
    }
}
