package org.dossier.form;

/** Builds JSON Pointers (RFC 6901) one segment at a time. */
final class JsonPointers {
    private JsonPointers() {}

    static String append(String pointer, String segment) {
        return pointer + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    static String append(String pointer, int index) {
        return pointer + "/" + index;
    }
}
