package org.dossier.validation;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for RFC 6901 JSON Pointers and the dotted names derived from them. */
final class JsonPointers {
    private JsonPointers() {}

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, String key) {
        return pointer + "/" + escape(key);
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** everit writes {@code #/a/b} for {@code /a/b} and {@code #} for the root. */
    static String fromEverit(String everitPointer) {
        if (everitPointer == null || everitPointer.equals("#")) {
            return "";
        }
        return everitPointer.startsWith("#") ? everitPointer.substring(1) : everitPointer;
    }

    static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        if (pointer.isEmpty()) {
            return segments;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }

    /** {@code /membres_foyer/0/prenom} becomes {@code membres_foyer.prenom}: the key prefix of field messages. */
    static String toMessagePath(String pointer) {
        List<String> names = new ArrayList<>();
        for (String segment : segments(pointer)) {
            if (!isIndex(segment)) {
                names.add(segment);
            }
        }
        return String.join(".", names);
    }

    static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
    }
}
