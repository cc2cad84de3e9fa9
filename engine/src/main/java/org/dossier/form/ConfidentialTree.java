package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The confidential locations of a form as one tree, walked alongside the data: a node stands for
 * a place in the data, its children for the properties below it, and the child {@code *} for the
 * rows of the array held there. Walking the tree rather than each location apart lets every array
 * be matched once, whatever number of confidential fields its rows hold.
 */
final class ConfidentialTree {
    static final String ROWS = "*";

    private final Map<String, ConfidentialTree> children = new LinkedHashMap<>();
    private boolean confidential;

    private ConfidentialTree() {}

    static ConfidentialTree of(List<List<String>> locations) {
        ConfidentialTree root = new ConfidentialTree();
        for (List<String> location : locations) {
            ConfidentialTree node = root;
            for (String step : location) {
                node = node.children.computeIfAbsent(step, ignored -> new ConfidentialTree());
            }
            node.confidential = true;
        }
        return root;
    }

    /** Puts on every row of a group holding confidential fields its index, as {@code _row}. */
    void numberRows(JsonNode value) {
        ConfidentialTree rows = children.get(ROWS);
        if (rows != null && value instanceof ArrayNode array) {
            for (int index = 0; index < array.size(); index++) {
                if (array.get(index) instanceof ObjectNode row) {
                    row.put(ConfidentialFields.ROW_ID, index);
                    rows.numberRows(row);
                }
            }
        }
        forEachProperty(value, (child, childValue) -> child.numberRows(childValue));
    }

    /** Takes every {@code _row} this tree's groups may hold off the data. */
    void removeRowIds(JsonNode value) {
        ConfidentialTree rows = children.get(ROWS);
        if (rows != null && value instanceof ArrayNode array) {
            for (JsonNode row : array) {
                if (row instanceof ObjectNode object) {
                    object.remove(ConfidentialFields.ROW_ID);
                    rows.removeRowIds(object);
                }
            }
        }
        forEachProperty(value, (child, childValue) -> child.removeRowIds(childValue));
    }

    private void forEachProperty(JsonNode value, BiConsumer<ConfidentialTree, JsonNode> action) {
        if (!(value instanceof ObjectNode object)) {
            return;
        }
        children.forEach((key, child) -> {
            JsonNode childValue = object.get(key);
            if (!ROWS.equals(key) && !child.confidential && childValue != null) {
                action.accept(child, childValue);
            }
        });
    }

    /**
     * Makes {@code posted}, the post's value at this node, hold at every confidential location the
     * value {@code stored} holds there, and nothing else. Rows are matched by their {@code _row},
     * taken off on the way; a row without one is new and gets no stored value.
     */
    void keepStored(JsonNode posted, JsonNode stored, String pointer, List<ConfidentialFields.Problem> problems) {
        ConfidentialTree rows = children.get(ROWS);
        if (rows != null) {
            if (posted instanceof ArrayNode array) {
                rows.keepStoredRows(array, stored, pointer, problems);
            } else if (stored.isArray() && !stored.isEmpty()) {
                problems.add(new ConfidentialFields.Problem(pointer, ConfidentialFields.ROW_REMOVED));
            }
        }
        if (!(posted instanceof ObjectNode object)) {
            return;
        }
        for (Map.Entry<String, ConfidentialTree> entry : children.entrySet()) {
            String key = entry.getKey();
            ConfidentialTree child = entry.getValue();
            if (ROWS.equals(key)) {
                continue;
            }
            JsonNode storedChild = stored.path(key);
            if (child.confidential) {
                if (storedChild.isMissingNode()) {
                    object.remove(key);
                } else {
                    object.set(key, storedChild.deepCopy());
                }
                continue;
            }
            String childPointer = JsonPointers.append(pointer, key);
            JsonNode postedChild = object.get(key);
            if (postedChild == null && storedChild.isObject()) {
                // A section the post left out comes back only when it has stored values to carry.
                ObjectNode recreated = JsonNodeFactory.instance.objectNode();
                child.keepStored(recreated, storedChild, childPointer, problems);
                if (!recreated.isEmpty()) {
                    object.set(key, recreated);
                }
            } else {
                child.keepStored(postedChild == null ? MissingNode.getInstance() : postedChild, storedChild,
                        childPointer, problems);
            }
        }
    }

    /** This node stands for one row; {@code posted} are the post's rows of the group. */
    private void keepStoredRows(ArrayNode posted, JsonNode stored, String pointer,
                                List<ConfidentialFields.Problem> problems) {
        int storedCount = stored.isArray() ? stored.size() : 0;
        Set<Integer> matched = new HashSet<>();
        for (int index = 0; index < posted.size(); index++) {
            if (!(posted.get(index) instanceof ObjectNode row)) {
                continue; // not a row: the validator says so
            }
            String rowPointer = JsonPointers.append(pointer, index);
            JsonNode id = row.remove(ConfidentialFields.ROW_ID);
            JsonNode storedRow = MissingNode.getInstance();
            if (id != null) {
                boolean known = id.isIntegralNumber() && id.canConvertToInt() && id.intValue() >= 0
                        && id.intValue() < storedCount;
                if (!known || !matched.add(id.intValue())) {
                    problems.add(new ConfidentialFields.Problem(rowPointer, ConfidentialFields.UNKNOWN_ROW));
                    continue;
                }
                storedRow = stored.get(id.intValue());
            }
            keepStored(row, storedRow, rowPointer, problems);
        }
        if (matched.size() < storedCount) {
            problems.add(new ConfidentialFields.Problem(pointer, ConfidentialFields.ROW_REMOVED));
        }
    }
}
