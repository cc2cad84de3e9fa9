package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.ListLimits;
import org.dossier.validation.FieldName.Index;
import org.dossier.validation.FieldName.Property;
import org.dossier.validation.FieldName.Step;

/**
 * Turns a flat HTML form post ({@code identite.nom}, {@code membres_foyer[0].prenom}, repeated
 * checkbox names) into JSON typed by the effective schema.
 *
 * <ul>
 *   <li>numbers accept the French decimal comma and spaces between thousands; a value that does not
 *       parse stays a string, so the form shows it back and the validator reports {@code type};</li>
 *   <li>strings are trimmed with line ends normalised; blank values are absent;</li>
 *   <li>rows are compacted in index order and rows left entirely blank are dropped;</li>
 *   <li>an object with nothing in it is absent unless its parent requires it: it is then kept
 *       empty, so that the validator names its missing fields rather than the whole section;</li>
 *   <li>a name the schema does not define is refused with {@code additionalProperties} and never
 *       reaches the data (hidden fields included); a name outside the renderer's grammar is refused
 *       with {@code malformedName}; names starting with {@code _} are control fields and ignored;</li>
 *   <li>{@code _row} in a row ({@code membres_foyer[0]._row}) is the saved row's identity drawn for a
 *       member without the confidential grant (see {@link ConfidentialFields}): it is kept in the row;</li>
 *   <li>a list of plain values drawn one input per entry posts {@code langues[0]}, {@code langues[1]}:
 *       entries are kept in index order, blank ones dropped;</li>
 *   <li>a list named in {@link #KEPT_EMPTY} (shown stored and empty) is stored empty, not dropped;</li>
 *   <li>a group takes at most its {@code maxItems} rows (a row beyond is refused with {@code maxItems} on
 *       the group, before anything is typed) at indexes up to ten times that: the work a post causes is
 *       bounded by the form, whatever the post holds.</li>
 * </ul>
 */
public final class FormPostCoercer {
    /** Code for a posted name that does not follow the renderer's naming grammar. */
    public static final String MALFORMED_NAME = "malformedName";
    /** Code for a posted name the schema does not define: the JSON Schema keyword that refuses it. */
    public static final String UNKNOWN_FIELD = "additionalProperties";

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    private static final int MAX_REPORTED = 50;
    /**
     * The control field naming, by JSON Pointer, a list the form showed stored and empty: it is
     * stored empty again rather than dropped, so that {@code []} survives a save as it was.
     */
    public static final String KEPT_EMPTY = "_empty";

    private final Messages messages;

    public FormPostCoercer(Messages messages) {
        this.messages = messages;
    }

    /** Coerces with messages in French, the default language. */
    public CoercionResult coerce(JsonNode effectiveSchema, Map<String, List<String>> params) {
        return coerce(effectiveSchema, params, Locales.DEFAULT);
    }

    public CoercionResult coerce(JsonNode effectiveSchema, Map<String, List<String>> params, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        PostDraft root = new PostDraft();
        params.forEach((name, values) -> {
            if (!name.startsWith("_")) {
                place(effectiveSchema, root, name, values == null ? List.of() : values, errors, locale);
            }
        });
        Set<String> keptEmpty = new HashSet<>(params.getOrDefault(KEPT_EMPTY, List.of()));
        ObjectNode data = finishObject(effectiveSchema, root, "", errors, locale, keptEmpty).node();
        return new CoercionResult(data, onceEach(errors));
    }

    private void place(JsonNode rootSchema, PostDraft root, String name, List<String> values,
                       List<FieldError> errors, Locale locale) {
        FieldName.Parsed parsed = FieldName.parse(name);
        if (parsed instanceof FieldName.Malformed malformed) {
            errors.add(error(malformed.prefixPointer(), MALFORMED_NAME, locale));
            return;
        }
        List<Step> steps = ((FieldName.Valid) parsed).name().steps();
        PostDraft draft = root;
        JsonNode schema = rootSchema;
        int position = 0;
        while (true) {
            if (!(steps.get(position) instanceof Property property)) { // a row of rows: the renderer has none
                errors.add(error(FieldName.pointerOf(steps.subList(0, position)), MALFORMED_NAME, locale));
                return;
            }
            String key = property.key();
            JsonNode child = schema.path("properties").path(key);
            boolean last = position == steps.size() - 1;
            if (child.isMissingNode()) {
                boolean inRow = position > 0 && steps.get(position - 1) instanceof Index;
                if (last && inRow && ConfidentialFields.ROW_ID.equals(key)) {
                    draft.addRowId(values);
                } else {
                    draft.addUnknown(key);
                }
                return;
            }
            Step next = last ? null : steps.get(position + 1);
            if (last && !SchemaTypes.isObject(child) && !SchemaTypes.isRowArray(child)) {
                draft.addValues(key, values);
                return;
            }
            if (next instanceof Index index && SchemaTypes.isValueArray(child) && position + 2 == steps.size()
                    && withinBounds(child, index.index())) {
                if (draft.isNewEntry(key, index.index()) && draft.entryCount(key) >= maxItems(child)) {
                    errors.add(messages.fieldError(rootSchema, FieldName.pointerOf(steps.subList(0, position + 1)),
                            "maxItems", Optional.empty(), locale, maxItems(child)));
                    return;
                }
                draft.addEntry(key, index.index(), values); // a list of values drawn one input per entry
                return;
            }
            if (next instanceof Property && SchemaTypes.isObject(child)) {
                draft = draft.object(key);
                schema = child;
                position += 1;
            } else if (next instanceof Index index && SchemaTypes.isRowArray(child)
                    && position + 2 < steps.size() && withinBounds(child, index.index())) {
                if (draft.isNewRow(key, index.index()) && draft.rowCount(key) >= maxItems(child)) {
                    // More rows than the group may hold: refused here, before any of them is typed.
                    errors.add(messages.fieldError(rootSchema, FieldName.pointerOf(steps.subList(0, position + 1)),
                            "maxItems", Optional.empty(), locale, maxItems(child)));
                    return;
                }
                draft = draft.row(key, index.index());
                schema = child.path("items");
                position += 2;
            } else {
                errors.add(error(FieldName.pointerOf(steps.subList(0, position + 1)), MALFORMED_NAME, locale));
                return;
            }
        }
    }

    /** Rows are renumbered client-side, so gaps are normal, but not a thousand times the allowed count. */
    private static boolean withinBounds(JsonNode arraySchema, int index) {
        return index <= maxItems(arraySchema) * 10;
    }

    /** The effective schema gives every array a maxItems; a schema without one gets the platform's default. */
    private static int maxItems(JsonNode arraySchema) {
        JsonNode maxItems = arraySchema.path("maxItems");
        return maxItems.canConvertToInt() ? Math.min(maxItems.intValue(), ListLimits.MAX_ITEMS) : ListLimits.DEFAULT_MAX_ITEMS;
    }

    private record Finished(ObjectNode node, boolean hasContent) {}

    private Finished finishObject(JsonNode schema, PostDraft draft, String pointer, List<FieldError> errors,
                                  Locale locale, Set<String> keptEmpty) {
        for (String unknown : draft.unknownKeys()) {
            errors.add(error(JsonPointers.child(pointer, unknown), UNKNOWN_FIELD, locale));
        }
        ObjectNode node = JSON.objectNode();
        boolean hasContent = false;
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String key = property.getKey();
            JsonNode child = property.getValue();
            String childPointer = JsonPointers.child(pointer, key);
            if (SchemaTypes.isObject(child)) {
                PostDraft section = draft.objectOrNull(key);
                boolean required = SchemaTypes.isRequired(schema, key);
                if (section == null && !required) {
                    continue;
                }
                Finished finished = finishObject(child, section == null ? new PostDraft() : section,
                        childPointer, errors, locale, keptEmpty);
                if (finished.hasContent() || required) {
                    node.set(key, finished.node());
                }
                hasContent |= finished.hasContent();
            } else {
                Optional<JsonNode> value = SchemaTypes.isRowArray(child)
                        ? finishRows(child.path("items"), draft.rowsOrNull(key), childPointer, errors, locale, keptEmpty)
                        : finishValues(child, draft.values(key), draft.entries(key));
                if (value.isEmpty() && keptEmpty.contains(childPointer) && "array".equals(SchemaTypes.typeOf(child))) {
                    value = Optional.of(JSON.arrayNode());
                }
                value.ifPresent(json -> node.set(key, json));
                hasContent |= value.isPresent();
            }
        }
        return new Finished(node, hasContent);
    }

    private Optional<JsonNode> finishRows(JsonNode itemSchema, TreeMap<Integer, PostDraft> rows, String pointer,
                                          List<FieldError> errors, Locale locale, Set<String> keptEmpty) {
        if (rows == null) {
            return Optional.empty();
        }
        ArrayNode array = JSON.arrayNode();
        for (Map.Entry<Integer, PostDraft> row : rows.entrySet()) {
            List<FieldError> rowErrors = new ArrayList<>();
            Finished finished = finishObject(itemSchema, row.getValue(), JsonPointers.child(pointer, array.size()),
                    rowErrors, locale, keptEmpty);
            Optional<JsonNode> rowId = rowId(row.getValue().rowIds());
            rowId.ifPresent(id -> finished.node().set(ConfidentialFields.ROW_ID, id));
            if (finished.hasContent() || rowId.isPresent()) {
                array.add(finished.node());
                errors.addAll(rowErrors);
            } else if (!rowErrors.isEmpty()) {
                // The row is dropped, so its errors keep the index it was posted with.
                finishObject(itemSchema, row.getValue(), JsonPointers.child(pointer, row.getKey()), errors, locale, keptEmpty);
            }
        }
        return array.isEmpty() ? Optional.empty() : Optional.of(array);
    }

    /**
     * A saved row's identity, sent back as it was drawn: an index when it is one, otherwise the text,
     * which matches no row and is refused by the record service. A row that has one is kept even if
     * every visible field was blanked: emptying a saved row is not a way to remove it.
     */
    private static Optional<JsonNode> rowId(List<String> posted) {
        Optional<JsonNode> id = Optional.empty();
        for (String raw : posted) {
            String text = raw.trim();
            if (!text.isEmpty()) {
                id = Optional.of(text.matches("0|[1-9][0-9]{0,8}") ? JSON.numberNode(Integer.parseInt(text))
                        : JSON.textNode(text));
            }
        }
        return id;
    }

    /** A scalar takes the last non-blank value (a hidden "false" followed by a checked box gives true). */
    private static Optional<JsonNode> finishValues(JsonNode schema, List<String> posted,
                                                   TreeMap<Integer, List<String>> entries) {
        if (SchemaTypes.isValueArray(schema)) {
            ArrayNode array = JSON.arrayNode();
            posted.forEach(raw -> ScalarValues.convert(schema.path("items"), raw).ifPresent(array::add));
            // Entries of a list of values in index order, blank ones dropped as blank rows are.
            entries.values().forEach(values -> finishValues(schema.path("items"), values, new TreeMap<>())
                    .ifPresent(array::add));
            return array.isEmpty() ? Optional.empty() : Optional.of(array);
        }
        Optional<JsonNode> value = Optional.empty();
        for (String raw : posted) {
            Optional<JsonNode> converted = ScalarValues.convert(schema, raw);
            if (converted.isPresent()) {
                value = converted;
            }
        }
        return value;
    }

    /**
     * One error per field and code, and at most {@link #MAX_REPORTED}: a post of ten thousand bad
     * names is refused as surely with the first fifty, and the page stays readable.
     */
    private static List<FieldError> onceEach(List<FieldError> errors) {
        Map<String, FieldError> unique = new LinkedHashMap<>();
        for (FieldError error : errors) {
            if (unique.size() == MAX_REPORTED) {
                break;
            }
            unique.putIfAbsent(error.path() + " " + error.code(), error);
        }
        return List.copyOf(unique.values());
    }

    private FieldError error(String pointer, String code, Locale locale) {
        return new FieldError(pointer, code, messages.forField(pointer, code, Optional.empty(), locale));
    }
}
