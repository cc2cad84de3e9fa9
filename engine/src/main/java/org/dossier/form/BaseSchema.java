package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The base case-file form ("socle commun", form key {@code dossier}) shipped in
 * {@code schemas/socle-commun.schema.json}; tenants start from it.
 */
public final class BaseSchema {
    /** Classpath location of the base schema. */
    public static final String RESOURCE = "schemas/socle-commun.schema.json";

    private BaseSchema() {}

    /** A fresh copy of the base schema: callers may change it freely. */
    public static JsonNode baseSchema() {
        return Holder.BASE.deepCopy();
    }

    /** Parses the file once, on first use; the parsed tree is never handed out. */
    private static final class Holder {
        private static final JsonNode BASE = ClasspathJson.read(RESOURCE);
    }
}
