package org.dossier.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Puts a value at a pointer of objects, creating the sections on the way; nothing there removes it. */
final class JsonPaths {
    private JsonPaths() {}

    static void set(ObjectNode root, String pointer, JsonNode value) {
        String[] segments = pointer.substring(1).split("/");
        ObjectNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            String key = unescape(segments[i]);
            JsonNode child = parent.get(key);
            if (child instanceof ObjectNode object) {
                parent = object;
            } else if (Canonical.text(value).isEmpty()) {
                return;
            } else {
                parent = parent.putObject(key);
            }
        }
        String last = unescape(segments[segments.length - 1]);
        if (value == null || value.isMissingNode()) {
            parent.remove(last);
        } else {
            parent.set(last, value.deepCopy());
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
