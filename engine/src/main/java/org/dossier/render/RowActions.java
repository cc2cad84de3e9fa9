package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds or removes a row of a repeatable group when the page works without JavaScript: the form's
 * {@code _action} submit buttons post {@code add:/membres_foyer} or {@code remove:/membres_foyer/2}.
 * Removing a saved row (one carrying its {@code _row} identity) is a step: {@code remove:} marks
 * it {@link #CONFIRMING}, and the page asks; {@code confirm-remove:} removes it, {@code
 * cancel-remove:} keeps it. A row added and not saved yet goes at once. Pure: the given data is
 * left untouched.
 */
public final class RowActions {
    /** Marks the row whose removal the page asks to confirm; never posted, never stored. */
    public static final String CONFIRMING = "_confirmRemoval";
    private static final String CONFIRM = "confirm-remove:";
    private static final String CANCEL = "cancel-remove:";

    private RowActions() {}

    /** Whether {@code action} is one of the row actions this class applies. */
    public static boolean isRowAction(String action) {
        return action != null && (action.startsWith("add:") || action.startsWith("remove:")
                || action.startsWith(CONFIRM) || action.startsWith(CANCEL));
    }

    /**
     * @return a copy of {@code data} with an empty row appended to, or one row removed from, the array
     * @throws IllegalArgumentException when the action is not {@code add:<pointer>} or
     *                                  {@code remove:<pointer>/<index>}, or does not match the data
     */
    public static ObjectNode apply(ObjectNode data, String action) {
        if (action == null) {
            throw new IllegalArgumentException("No row action");
        }
        ObjectNode copy = data.deepCopy();
        if (action.startsWith("add:")) {
            add(copy, segments(action.substring(4)));
            return copy;
        }
        if (action.startsWith("remove:")) {
            String[] segments = segments(action.substring(7));
            if (row(copy, segments) instanceof ObjectNode row && row.has(org.dossier.form.ConfidentialFields.ROW_ID)) {
                row.put(CONFIRMING, true);
            } else {
                remove(copy, segments);
            }
            return copy;
        }
        if (action.startsWith(CONFIRM)) {
            remove(copy, segments(action.substring(CONFIRM.length())));
            return copy;
        }
        if (action.startsWith(CANCEL)) {
            row(copy, segments(action.substring(CANCEL.length())));
            return copy;
        }
        throw new IllegalArgumentException("Unknown row action: " + action);
    }

    private static void add(ObjectNode data, String[] segments) {
        JsonNode parent = parentOf(data, segments);
        String key = segments[segments.length - 1];
        if (!parent.isObject()) {
            throw new IllegalArgumentException("Rows can only be added to an array inside an object");
        }
        JsonNode rows = parent.get(key);
        if (rows == null || rows.isNull()) {
            rows = ((ObjectNode) parent).putArray(key);
        }
        if (!rows.isArray()) {
            throw new IllegalArgumentException("Not an array: " + key);
        }
        ((ArrayNode) rows).addObject();
    }

    private static void remove(ObjectNode data, String[] segments) {
        row(data, segments);
        ((ArrayNode) parentOf(data, segments)).remove(index(segments[segments.length - 1]));
    }

    /** The row a pointer names. */
    private static JsonNode row(ObjectNode data, String[] segments) {
        if (segments.length < 2) {
            throw new IllegalArgumentException("A row needs an array and an index");
        }
        JsonNode rows = parentOf(data, segments);
        int index = index(segments[segments.length - 1]);
        if (!rows.isArray() || index >= rows.size()) {
            throw new IllegalArgumentException("No such row: " + String.join("/", segments));
        }
        return rows.get(index);
    }

    private static JsonNode parentOf(JsonNode data, String[] segments) {
        JsonNode node = data;
        for (int i = 0; i < segments.length - 1; i++) {
            node = node.isArray() ? node.path(index(segments[i])) : node.path(segments[i]);
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("No such path: " + String.join("/", segments));
            }
        }
        return node;
    }

    private static String[] segments(String pointer) {
        if (!pointer.startsWith("/") || pointer.length() < 2 || pointer.endsWith("/") || pointer.contains("//")) {
            throw new IllegalArgumentException("Malformed JSON Pointer in row action: " + pointer);
        }
        String[] segments = pointer.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            segments[i] = segments[i].replace("~1", "/").replace("~0", "~");
        }
        return segments;
    }

    private static int index(String segment) {
        if (!segment.matches("0|[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("Not a row index: " + segment);
        }
        return Integer.parseInt(segment);
    }
}
