package org.dossier.render;

/**
 * Where a field sits, in the three spellings the form needs: the HTML name
 * ({@code membres_foyer[0].prenom}), the HTML id ({@code f-membres_foyer-0-prenom}) and the JSON
 * Pointer of validation errors ({@code /membres_foyer/0/prenom}).
 *
 * @param name    the HTML name; empty for the root
 * @param idPart  the id without its {@code f} prefix, e.g. {@code -identite-nom}
 * @param pointer the JSON Pointer; empty for the root
 */
public record FieldPath(String name, String idPart, String pointer) {
    /** The root of the data. */
    public static final FieldPath ROOT = new FieldPath("", "", "");
    /** The index written in the blank row template; the script replaces it. */
    public static final String INDEX_PLACEHOLDER = "__index__";

    public FieldPath child(String key) {
        return new FieldPath(name.isEmpty() ? key : name + "." + key, idPart + "-" + key, pointer + "/" + key);
    }

    public FieldPath index(int index) {
        return index(Integer.toString(index));
    }

    /** The path of a row whose index is not known yet (the blank row template). */
    public FieldPath placeholderIndex() {
        return index(INDEX_PLACEHOLDER);
    }

    private FieldPath index(String index) {
        return new FieldPath(name + "[" + index + "]", idPart + "-" + index, pointer + "/" + index);
    }

    /** Appends a path computed from {@link #ROOT} (a field inside a row) to this one (the row). */
    public FieldPath resolve(FieldPath relative) {
        if (relative.name.isEmpty()) {
            return this;
        }
        return new FieldPath(name.isEmpty() ? relative.name : name + "." + relative.name,
                idPart + relative.idPart, pointer + relative.pointer);
    }

    public String id() {
        return "f" + idPart;
    }

    /** The element id for any JSON Pointer, used to link errors that no control claimed. */
    public static String idOfPointer(String pointer) {
        return "f" + pointer.replace('/', '-').replace("~1", "_").replace("~0", "_");
    }
}
