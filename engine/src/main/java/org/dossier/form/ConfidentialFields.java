package org.dossier.form;

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
 */
public final class ConfidentialFields {
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

    /** A copy of some data with the confidential values taken out, and where they were. */
    public record Masked(ObjectNode data, List<String> maskedPointers) {}

    public boolean any() {
        return !locations.isEmpty();
    }

    /** The schema locations, as {@code /a/b} paths with {@code *} for rows. */
    public List<String> pointers() {
        return locations.stream().map(location -> "/" + String.join("/", location)).toList();
    }

    /**
     * A deep copy of {@code data} without anything at a confidential location, not even a null or
     * an empty object; the input is left untouched. The pointers are those of {@link #postedPointers}.
     */
    public Masked mask(JsonNode data) {
        ObjectNode copy = data != null && data.isObject() ? ((ObjectNode) data).deepCopy() : JsonNodeFactory.instance.objectNode();
        List<String> masked = postedPointers(copy);
        for (List<String> location : locations) {
            remove(copy, location, 0);
        }
        return new Masked(copy, masked);
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
     * What a member without the grant may store: {@code posted}, in which every confidential
     * location takes exactly the stored value (present or absent as stored). Rows of repeatable
     * groups are matched by position: row <i>i</i> of the post gets the confidential values of
     * stored row <i>i</i>; a row added by the post gets none.
     */
    public ObjectNode keepStored(JsonNode posted, JsonNode stored) {
        ObjectNode result = posted != null && posted.isObject() ? ((ObjectNode) posted).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        JsonNode source = stored != null && stored.isObject() ? stored : JsonNodeFactory.instance.objectNode();
        for (List<String> location : locations) {
            restore(result, source, location, 0);
        }
        return result;
    }

    private static void remove(JsonNode node, List<String> location, int depth) {
        String step = location.get(depth);
        if (ROWS.equals(step)) {
            if (node instanceof ArrayNode rows) {
                rows.forEach(row -> remove(row, location, depth + 1));
            }
            return;
        }
        if (!(node instanceof ObjectNode object) || !object.has(step)) {
            return;
        }
        if (depth == location.size() - 1) {
            object.remove(step);
        } else {
            remove(object.get(step), location, depth + 1);
        }
    }

    private static void find(JsonNode node, List<String> location, int depth, String pointer, List<String> present) {
        String step = location.get(depth);
        if (ROWS.equals(step)) {
            if (node instanceof ArrayNode rows) {
                for (int i = 0; i < rows.size(); i++) {
                    find(rows.get(i), location, depth + 1, pointer + "/" + i, present);
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
                present.add(pointer + "/" + escape(step));
            }
        } else {
            find(child, location, depth + 1, pointer + "/" + escape(step), present);
        }
    }

    /** Makes {@code target} hold at {@code location} what {@code source} holds there, and nothing else. */
    private static void restore(JsonNode target, JsonNode source, List<String> location, int depth) {
        String step = location.get(depth);
        if (ROWS.equals(step)) {
            if (target instanceof ArrayNode rows) {
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode storedRow = source instanceof ArrayNode storedRows && i < storedRows.size()
                            ? storedRows.get(i) : JsonNodeFactory.instance.objectNode();
                    restore(rows.get(i), storedRow, location, depth + 1);
                }
            }
            return;
        }
        if (!(target instanceof ObjectNode object)) {
            return;
        }
        JsonNode storedChild = source == null ? null : source.get(step);
        if (depth == location.size() - 1) {
            if (storedChild == null || storedChild.isMissingNode()) {
                object.remove(step);
            } else {
                object.set(step, storedChild.deepCopy());
            }
            return;
        }
        JsonNode child = object.get(step);
        if (child == null) {
            // Rows are the poster's to add or remove; an object missing from the post is recreated
            // only when it has confidential values to carry.
            if (storedChild == null || !storedChild.isObject() || !holdsBelow(storedChild, location, depth + 1)) {
                return;
            }
            child = object.putObject(step);
        }
        restore(child, storedChild, location, depth + 1);
    }

    private static boolean holdsBelow(JsonNode node, List<String> location, int depth) {
        List<String> found = new ArrayList<>();
        find(node, location, depth, "", found);
        return !found.isEmpty();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
