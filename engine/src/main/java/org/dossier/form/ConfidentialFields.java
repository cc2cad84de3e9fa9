package org.dossier.form;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a form keeps confidential values: every property marked {@code x-confidential}, and all
 * beneath it, found through {@code properties} and the {@code items} of repeatable groups. Built
 * once per compiled form.
 *
 * <p>Locations are paths of property names; {@code *} stands for every row of a repeatable group
 * (for example {@code /membres_foyer/ * /sante}, without the spaces).
 *
 * <p>What a member without the grant reads, and how their save keeps these values, is
 * {@link HiddenData}'s: a row's identity is {@link #ROW_ID}, its index in the version read (since
 * an update names the version it was made on, that index cannot have moved in between).
 */
public final class ConfidentialFields {
    /** The reserved property holding a row's identity; data keys start with a letter, so none clashes. */
    public static final String ROW_ID = "_row";
    /** Problem code: a stored row of a group with confidential fields is missing from the post. */
    public static final String ROW_REMOVED = "confidentialRowRemoved";
    /** Problem code: a posted {@link #ROW_ID} names no stored row, or one another posted row already took. */
    public static final String UNKNOWN_ROW = "unknownRow";

    /** In a location, the step standing for every row of a repeatable group. */
    private static final String ROWS = "*";

    private final List<List<String>> locations;

    private ConfidentialFields(List<List<String>> locations) {
        this.locations = List.copyOf(locations);
    }

    public static ConfidentialFields of(JsonNode effectiveSchema) {
        List<List<String>> found = new ArrayList<>();
        collect(effectiveSchema, new ArrayList<>(), found);
        return new ConfidentialFields(found);
    }

    private static void collect(JsonNode schema, List<String> path, List<List<String>> found) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                List<String> child = new ArrayList<>(path);
                child.add(property.getKey());
                if (property.getValue().path("x-confidential").asBoolean(false)) {
                    found.add(List.copyOf(child));
                } else {
                    collect(property.getValue(), child, found);
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            List<String> rows = new ArrayList<>(path);
            rows.add(ROWS);
            collect(items, rows, found);
        }
    }

    /** Why a post cannot carry the stored values: the pointer of a row or a group, and a code. */
    public record Problem(String pointer, String code) {}

    public boolean any() {
        return !locations.isEmpty();
    }

    /** The schema locations, as {@code /a/b} paths with {@code *} for rows. */
    public List<String> pointers() {
        return locations.stream().map(location -> "/" + String.join("/", location)).toList();
    }

    /** A deep copy of {@code data} without the {@link #ROW_ID} of its rows, for a check that needs none. */
    public static ObjectNode withoutRowIds(JsonNode data) {
        ObjectNode copy = copyOf(data);
        removeRowIds(copy);
        return copy;
    }

    private static void removeRowIds(JsonNode value) {
        for (JsonNode child : value) {
            if (value.isArray() && child instanceof ObjectNode row) {
                row.remove(ROW_ID);
            }
            removeRowIds(child);
        }
    }

    /** True when the data holds at least one confidential value: reading it reveals something. */
    public boolean holdsValue(JsonNode data) {
        return !postedPointers(data).isEmpty();
    }

    /**
     * Whether a node is a value, the one definition behind masking, reading and posting: null, a
     * blank string and an object or list holding no value are not (a confidential section posted
     * as {@code {}} reveals nothing and changes nothing).
     */
    public static boolean isValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().isBlank();
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (isValue(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** The concrete JSON pointers of the confidential locations that hold a value ({@link #isValue}). */
    public List<String> postedPointers(JsonNode data) {
        List<String> present = new ArrayList<>();
        if (data != null && data.isObject()) {
            for (List<String> location : locations) {
                find(data, location, 0, "", present);
            }
        }
        return List.copyOf(present);
    }

    /**
     * {@code pruned} with each confidential value of {@code before} that pruning took away put back,
     * for a save by a member who cannot see it: pruning drops the values of fields a condition
     * hides, and such a member must not destroy a value by changing the answer a condition reads.
     * Where a whole section or group was taken away, it comes back as it was in {@code before}.
     * Both arguments are left untouched.
     */
    public ObjectNode keepPruned(JsonNode pruned, JsonNode before) {
        ObjectNode result = copyOf(pruned);
        for (String pointer : postedPointers(before)) {
            putBack(result, before, JsonPointer.compile(pointer));
        }
        return result;
    }

    /** Walks both documents along {@code pointer}; the first step missing from the target is copied over. */
    private static void putBack(JsonNode target, JsonNode source, JsonPointer pointer) {
        JsonNode node = target;
        JsonNode from = source;
        for (JsonPointer step = pointer; !step.matches(); step = step.tail()) {
            if (node instanceof ObjectNode object) {
                String key = step.getMatchingProperty();
                if (!object.has(key)) {
                    object.set(key, from.get(key).deepCopy());
                    return;
                }
                node = object.get(key);
                from = from.get(key);
            } else if (node instanceof ArrayNode rows && step.getMatchingIndex() >= 0
                    && step.getMatchingIndex() < rows.size()) {
                node = rows.get(step.getMatchingIndex());
                from = from.get(step.getMatchingIndex());
            } else {
                return; // pruning removes properties, never rows: nothing else can differ
            }
        }
    }

    private static ObjectNode copyOf(JsonNode data) {
        return data != null && data.isObject() ? ((ObjectNode) data).deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    private static void find(JsonNode node, List<String> location, int depth, String pointer, List<String> present) {
        String step = location.get(depth);
        if (ROWS.equals(step)) {
            if (node instanceof ArrayNode rows) {
                for (int i = 0; i < rows.size(); i++) {
                    find(rows.get(i), location, depth + 1, JsonPointers.append(pointer, i), present);
                }
            }
            return;
        }
        if (node == null || !node.isObject() || !node.has(step)) {
            return;
        }
        JsonNode child = node.get(step);
        if (depth == location.size() - 1) {
            if (isValue(child)) {
                present.add(JsonPointers.append(pointer, step));
            }
        } else {
            find(child, location, depth + 1, JsonPointers.append(pointer, step), present);
        }
    }
}
