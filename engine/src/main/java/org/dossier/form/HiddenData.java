package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one page does not show a person of a case file, and the one merge that keeps it on every save.
 *
 * <p>Hidden from a person is everything the effective schema of the form they work with does not
 * define (a field or section the service hides, the sections of a switched-off module, a field
 * of an older or newer form version), what lies outside the page's {@link FormScope} (a page
 * showing one section shows nothing of the others) and, without the confidential grant, every
 * confidential location. A {@code readOnly} field is shown but not editable: a save keeps its stored
 * value as it keeps a hidden one. A read ({@link #visible}) leaves all of it out; a save ({@link #carryOver}) puts the
 * stored value of each of them back into what was posted, so a person changes only what they could
 * see and edit, whichever way the save came (page, API, import).
 *
 * <p>Rows of a repeatable group are matched by identity when some of what they hold is hidden: the
 * read numbers each row with {@link ConfidentialFields#ROW_ID}, its index in the version read, and
 * the post sends it back; a row without one is new. Without the grant, every row of a group
 * holding confidential fields is numbered (so that numbering tells nothing about the values) and a
 * saved row left out of the post is refused, since removing it would destroy values its author
 * cannot see. A row numbered only because it holds a field the form hides may be removed: the
 * person sees the row and removes it knowingly.
 *
 * <p>What a display condition hides is not this class's concern: a value whose condition the
 * person could see and changed is dropped by {@link InvisibleFieldPruner}, as minimisation wants.
 */
public final class HiddenData {
    /** Problem code: a posted value for a field the form hides differs from the stored one. */
    public static final String HIDDEN_CHANGED = "additionalProperties";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode schema;
    private final boolean confidentialGrant;

    private HiddenData(JsonNode effectiveSchema, boolean confidentialGrant) {
        this.schema = effectiveSchema;
        this.confidentialGrant = confidentialGrant;
    }

    /** What the person holding (or not) the confidential grant cannot see of data kept under {@code form}. */
    public static HiddenData of(CompiledForm form, boolean confidentialGrant) {
        return of(form.effectiveSchema(), confidentialGrant);
    }

    /** What a page showing only {@code scope} of {@code form} does not show this person. */
    public static HiddenData of(CompiledForm form, boolean confidentialGrant, FormScope scope) {
        return of(scope.shownSchema(form.effectiveSchema()), confidentialGrant);
    }

    static HiddenData of(JsonNode effectiveSchema, boolean confidentialGrant) {
        return new HiddenData(effectiveSchema, confidentialGrant);
    }

    /** A post with every hidden stored value put back, the pointers they were put at, and why it cannot be stored. */
    public record Merged(ObjectNode data, Set<String> carriedPointers, List<ConfidentialFields.Problem> problems) {
        public Merged {
            carriedPointers = Set.copyOf(carriedPointers);
            problems = List.copyOf(problems);
        }
    }

    /**
     * What the person sees of {@code stored}: a deep copy holding only what the effective schema
     * defines, without confidential values unless they hold the grant, with the rows of groups that
     * hold something hidden numbered. The argument is left untouched.
     */
    public ObjectNode visible(JsonNode stored) {
        if (stored == null || !stored.isObject()) {
            return NODES.objectNode();
        }
        return (ObjectNode) project(schema, stored);
    }

    private JsonNode project(JsonNode schemaNode, JsonNode value) {
        if (value instanceof ObjectNode object) {
            ObjectNode out = NODES.objectNode();
            JsonNode properties = schemaNode.path("properties");
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode property = properties.path(field.getKey());
                if (property.isObject() && !masked(property)) {
                    out.set(field.getKey(), project(property, field.getValue()));
                }
            }
            return out;
        }
        JsonNode items = schemaNode.path("items");
        if (value instanceof ArrayNode rows && items.isObject()) {
            boolean numbered = needsIdentity(items, rows);
            ArrayNode out = NODES.arrayNode();
            for (int index = 0; index < rows.size(); index++) {
                JsonNode row = project(items, rows.get(index));
                if (numbered && row instanceof ObjectNode numberedRow) {
                    numberedRow.put(ConfidentialFields.ROW_ID, index);
                }
                out.add(row);
            }
            return out;
        }
        return value.deepCopy();
    }

    /**
     * {@code posted}, as the person sent it, with every stored value hidden from them put back;
     * row identities are taken off. Both arguments are left untouched; {@code stored} is null for
     * a new case file, which has nothing to carry. A posted value of a confidential field is not
     * refused here: {@link ConfidentialFields#postedPointers} says which, before this is called.
     */
    public Merged carryOver(JsonNode posted, JsonNode stored) {
        ObjectNode result = posted != null && posted.isObject() ? ((ObjectNode) posted).deepCopy() : NODES.objectNode();
        JsonNode source = stored != null && stored.isObject() ? stored : MissingNode.getInstance();
        Walk walk = new Walk(stored == null || !stored.isObject());
        walk.object(schema, result, source, "");
        return new Merged(result, walk.carried, walk.problems);
    }

    /** One merge: what it carried and what it found wrong. */
    private final class Walk {
        final Set<String> carried = new LinkedHashSet<>();
        final List<ConfidentialFields.Problem> problems = new ArrayList<>();
        /** A new case file: a readOnly field takes its default, having no stored value. */
        final boolean newFile;

        Walk(boolean newFile) {
            this.newFile = newFile;
        }

        void object(JsonNode schemaNode, ObjectNode posted, JsonNode stored, String pointer) {
            JsonNode properties = schemaNode.path("properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                String key = property.getKey();
                JsonNode fieldSchema = property.getValue();
                JsonNode storedChild = stored.path(key);
                if (masked(fieldSchema)) {
                    // Exactly as stored, present or absent: a confidential value its author cannot see.
                    if (storedChild.isMissingNode()) {
                        posted.remove(key);
                    } else {
                        posted.set(key, storedChild.deepCopy());
                    }
                    continue;
                }
                if (fieldSchema.path("readOnly").asBoolean(false)) {
                    // Shown, not editable: whatever was posted, the stored value stays (its default on a new case file).
                    JsonNode kept = storedChild.isMissingNode() && newFile ? fieldSchema.path("default") : storedChild;
                    if (kept.isMissingNode()) {
                        posted.remove(key);
                    } else {
                        posted.set(key, kept.deepCopy());
                    }
                    continue;
                }
                JsonNode postedChild = posted.get(key);
                String childPointer = JsonPointers.append(pointer, key);
                if (postedChild == null) {
                    absent(fieldSchema, posted, key, storedChild, childPointer);
                } else {
                    value(fieldSchema, postedChild, storedChild, childPointer);
                }
            }
            for (Map.Entry<String, JsonNode> storedField : stored.properties()) {
                String key = storedField.getKey();
                if (properties.path(key).isObject()) {
                    continue;
                }
                String childPointer = JsonPointers.append(pointer, key);
                JsonNode postedChild = posted.get(key);
                if (postedChild != null && !postedChild.equals(storedField.getValue())) {
                    problems.add(new ConfidentialFields.Problem(childPointer, HIDDEN_CHANGED));
                }
                posted.set(key, storedField.getValue().deepCopy());
                carried.add(childPointer);
            }
        }

        /** A section or group the post left out comes back only with the hidden values it holds. */
        private void absent(JsonNode fieldSchema, ObjectNode posted, String key, JsonNode storedChild, String pointer) {
            if (storedChild.isObject()) {
                ObjectNode recreated = NODES.objectNode();
                object(fieldSchema, recreated, storedChild, pointer);
                if (!recreated.isEmpty()) {
                    posted.set(key, recreated);
                }
            } else if (storedChild.isArray() && !storedChild.isEmpty() && guardsRows(fieldSchema.path("items"))) {
                problems.add(new ConfidentialFields.Problem(pointer, ConfidentialFields.ROW_REMOVED));
            }
        }

        private void value(JsonNode fieldSchema, JsonNode posted, JsonNode stored, String pointer) {
            if (posted instanceof ObjectNode object) {
                object(fieldSchema, object, stored, pointer);
            } else if (posted instanceof ArrayNode rows && fieldSchema.path("items").isObject()) {
                rows(fieldSchema.path("items"), rows, stored, pointer);
            } else if (stored.isArray() && !stored.isEmpty() && guardsRows(fieldSchema.path("items"))) {
                problems.add(new ConfidentialFields.Problem(pointer, ConfidentialFields.ROW_REMOVED));
            }
        }

        private void rows(JsonNode items, ArrayNode posted, JsonNode stored, String pointer) {
            boolean numbered = guardsRows(items) || stored.isArray() && needsIdentity(items, stored);
            int storedCount = numbered && stored.isArray() ? stored.size() : 0;
            Set<Integer> matched = new HashSet<>();
            for (int index = 0; index < posted.size(); index++) {
                if (!(posted.get(index) instanceof ObjectNode row)) {
                    continue; // not a row: the validator says so
                }
                String rowPointer = JsonPointers.append(pointer, index);
                JsonNode id = row.remove(ConfidentialFields.ROW_ID);
                JsonNode storedRow = MissingNode.getInstance();
                if (id != null && numbered) {
                    boolean known = id.isIntegralNumber() && id.canConvertToInt() && id.intValue() >= 0
                            && id.intValue() < storedCount;
                    if (!known || !matched.add(id.intValue())) {
                        problems.add(new ConfidentialFields.Problem(rowPointer, ConfidentialFields.UNKNOWN_ROW));
                        continue;
                    }
                    storedRow = stored.get(id.intValue());
                }
                object(items, row, storedRow, rowPointer);
            }
            if (matched.size() < storedCount && guardsRows(items)) {
                problems.add(new ConfidentialFields.Problem(pointer, ConfidentialFields.ROW_REMOVED));
            }
        }
    }

    /** Whether a field is taken out for this person: confidential, and they lack the grant. */
    private boolean masked(JsonNode fieldSchema) {
        return !confidentialGrant && fieldSchema.path("x-confidential").asBoolean(false);
    }

    /** Whether saved rows of a group may not be removed by this person: they hold confidential fields unseen. */
    private boolean guardsRows(JsonNode items) {
        return !confidentialGrant && holdsConfidential(items);
    }

    /**
     * Whether the rows of a group must carry their identity: some of what they may hold is hidden
     * from this person, by the grant (all rows alike) or by the form (any stored row holding a key
     * the form does not define).
     */
    private boolean needsIdentity(JsonNode items, JsonNode storedRows) {
        if (guardsRows(items) || holdsReadOnly(items)) {
            return true; // a read-only value is not posted: its row must be found again to keep it
        }
        for (JsonNode row : storedRows) {
            if (holdsUndefined(items, row)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rows of a group hold a {@code readOnly} field, in the row or a section of it. */
    private static boolean holdsReadOnly(JsonNode schemaNode) {
        for (JsonNode property : schemaNode.path("properties")) {
            if (property.path("readOnly").asBoolean(false) || holdsReadOnly(property)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsConfidential(JsonNode schemaNode) {
        for (JsonNode property : schemaNode.path("properties")) {
            if (property.path("x-confidential").asBoolean(false) || holdsConfidential(property)) {
                return true;
            }
        }
        JsonNode items = schemaNode.path("items");
        return items.isObject() && holdsConfidential(items);
    }

    /** Whether {@code value} holds, at any depth, a key that {@code schemaNode} does not define. */
    private static boolean holdsUndefined(JsonNode schemaNode, JsonNode value) {
        if (value instanceof ObjectNode object) {
            JsonNode properties = schemaNode.path("properties");
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode property = properties.path(field.getKey());
                if (!property.isObject() || holdsUndefined(property, field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof ArrayNode rows && schemaNode.path("items").isObject()) {
            for (JsonNode row : rows) {
                if (holdsUndefined(schemaNode.path("items"), row)) {
                    return true;
                }
            }
        }
        return false;
    }
}
